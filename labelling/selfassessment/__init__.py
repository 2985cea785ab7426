"""The self-assessment: a manager starts an assessment of a level (pinned to the current framework version),
answers each indicator with evidence files, declares Silver improvements and submits. Models `Assessment`,
`Answer`, `EvidenceDocument`, `ImprovementDeclaration`; who may see and edit an assessment (`permissions`);
the overview, eligibility, outcome on the accepted values and history (`selectors`); pages, forms and API.

May import `framework` and `certificates` (a Silver needs a valid Bronze label; a renewal starts in the label's
renewal window). Never imports `review`'s services or selectors: review builds on this part. Models are the
one exception any part may use (one Django app): an assessor assigned to an assessment sees it, so the
visibility rule reads review's `AssessorAssignment` model.
"""
