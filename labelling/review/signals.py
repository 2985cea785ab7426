"""What the review tells the rest of the portal, so areas built on the label react without labelling knowing them.

`assessment_decided` is sent inside the transaction of a coordinator's decision and of an appeal's outcome, once
the decision (and, on an award, the label) is saved; keyword arguments `assessment` and `user`. Receivers that
queue work do it on commit, so nothing starts for a decision that is rolled back. Benchmarking listens (its peer
statistics include every decided assessment); labelling imports no area above it.
"""

from django.dispatch import Signal

assessment_decided = Signal()
