"""The labelling app's model registry: every model class of the four parts, listed once so Django finds them
(one app, label `labelling`). Each part defines its models in its own `models.py`; code imports them from there
or from here."""

from labelling.certificates.models import (  # noqa: F401
    Certificate,
    CertificateRevision,
    ExpiryReminder,
    Label,
    LabelStatusChange,
)
from labelling.framework.models import Dimension, Framework, FrameworkLocked, Indicator  # noqa: F401
from labelling.review.models import (  # noqa: F401
    AnswerMessage,
    AnswerReview,
    Appeal,
    AssessorAffiliation,
    AssessorAssignment,
    Decision,
)
from labelling.selfassessment.models import (  # noqa: F401
    Answer,
    Assessment,
    EvidenceDocument,
    ImprovementDeclaration,
)
