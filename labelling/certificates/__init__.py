"""Labels in the world: the `Label` (number, level, validity, status) and its award (`awards`), the PDF
certificate and its revisions (`pdf`, `services`), verification codes, the public registry, the badge, the
manager's label page, suspension and withdrawal, expiry and its reminders (`services`, `tasks`), and who may
download a certificate or change a label's status (`permissions`).

May import `framework` only (and, as any part may, the models of the app: a label is awarded from an
`Assessment`). The self-assessment reads labels (a Silver needs a valid Bronze; renewal windows) and review's
decisions call `awards.label_award`, so both build on this part and it never imports them.
"""
