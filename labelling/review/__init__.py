"""The review and decision: coordinators assign assessors (conflicts of interest checked, each assessor
declares), assessors accept, correct or question each answer, recommend; a coordinator decides (a departure
from the computed outcome needs a reason) and decides appeals. Models `AssessorAffiliation`,
`AssessorAssignment`, `AnswerReview`, `AnswerMessage`, `Decision`, `Appeal`; writes in `services/` (one module
per noun), reads in `selectors`, rules in `permissions`; pages, forms, urls and admin.

The last part: it may import `framework`, `certificates` (a decision awards the label through
`certificates.awards.label_award`) and `selfassessment` (who sees an assessment, its outcome on the accepted
values); none of them imports it, except the models any part may use.
"""
