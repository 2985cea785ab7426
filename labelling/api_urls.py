"""API v1 of the labelling app (included under /api/v1/ by portal/urls.py)."""

from labelling.certificates.api import registry_api_urlpatterns
from labelling.selfassessment.api import selfassessment_api_urlpatterns

urlpatterns: list = [
    *selfassessment_api_urlpatterns,  # framework, assessments and answers (issue 3, part A)
    *registry_api_urlpatterns,  # public label list and verification (issue 4)
]
