"""Models of the labelling app: the indicator framework, assessments and their answers, evidence, labels,
and (in review.py) the assessors' review, decisions and appeals."""

from labelling.certificates.models import Certificate, CertificateRevision, ExpiryReminder, Label, LabelStatusChange  # noqa: F401
from labelling.framework.models import Dimension, Framework, FrameworkLocked, Indicator  # noqa: F401
from labelling.models.review import (  # noqa: F401
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
