"""The permission matrix: every URL pattern of the portal, as every persona, with the status the rules give.

The patterns come from the URLconf, so a new URL without a row in TABLE fails `test_every_url_pattern_has_a_row`
(and a row whose URL is gone fails too). The admin's generated per-model patterns are checked by rule instead of
row by row (see "The admin" below). The world (two organisations and one object of every kind) is built once per
module by tests/security/matrix.py; URL_KWARGS says which object each URL opens.

Columns, in this order (PERSONAS in tests/security/matrix.py):
  V  visitor              U  registered user, no role    MA manager of A (owner)    MB manager of B
  AS assessor assigned    AX assessor not assigned       CM club member             CO coordinator

Cells:
  200, 400, 403, 404, 405 ...  that exact status
  L    redirected to the login page (the portal's, or the admin's for admin URLs)
  ->   redirected elsewhere
  ok   (POST, PUT, PATCH, DELETE) not denied: a form error, a redirect or a state error (409) are fine, but not
       401/403/404/405, a redirect to the login page, or a 5xx. Read-only pages answer POST with 405.
Every request runs in a savepoint that is rolled back: a POST, a logout included, does not change the world.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.security.email_leaks import email_leaks
from tests.security.matrix import PERSONAS, SURVEY_TOKEN, build_world

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PAGE_METHODS = ("GET", "POST")


def k(**builders) -> Callable:
    """URL kwargs built from the world: k(pk=lambda w: w.assessment.pk)."""
    return lambda w: {name: build(w) if callable(build) else build for name, build in builders.items()}


A = lambda w: w.assessment.pk  # noqa: E731 - A's assessment in review, `assessor` assigned to it

# fmt: off
TABLE = """
#                                           method  V    U    MA   MB   AS   AX   CM   CO
# Portal. A background job's progress: whoever started it and the coordinators; 404 for the rest
portal:home                                 GET     200  200  200  200  200  200  200  200
portal:home                                 POST    405  405  405  405  405  405  405  405
portal:dashboard                            GET     L    200  200  200  200  200  200  200
portal:dashboard                            POST    L    405  405  405  405  405  405  405
portal:coordination                         GET     L    403  403  403  403  403  403  200
portal:coordination                         POST    L    405  405  405  405  405  405  405
portal:task_status                          GET     L    404  200  404  404  404  404  200
portal:task_status                          POST    L    405  405  405  405  405  405  405
# Privacy (issue 13): the notice is public; the account, export and deletion pages are one's own. Exporting asks for
# the password again first (allauth's reauthentication: "->"); an empty deletion form answers with its error
privacy:notice                              GET     200  200  200  200  200  200  200  200
privacy:notice                              POST    405  405  405  405  405  405  405  405
privacy:account                             GET     L    200  200  200  200  200  200  200
privacy:account                             POST    L    ok   ok   ok   ok   ok   ok   ok
privacy:export                              GET     L    200  200  200  200  200  200  200
privacy:export                              POST    L    ->   ->   ->   ->   ->   ->   ->
privacy:export_download                     GET     L    404  404  404  404  404  404  404
privacy:export_download                     POST    L    405  405  405  405  405  405  405
privacy:delete                              GET     L    200  200  200  200  200  200  200
privacy:delete                              POST    L    ok   ok   ok   ok   ok   ok   ok
healthz                                     GET     200  200  200  200  200  200  200  200
healthz                                     POST    405  405  405  405  405  405  405  405
public-media                                GET     200  200  200  200  200  200  200  200
public-media                                POST    405  405  405  405  405  405  405  405
api-schema                                  GET     200  200  200  200  200  200  200  200
api-schema                                  POST    405  405  405  405  405  405  405  405
api-docs                                    GET     200  200  200  200  200  200  200  200
api-docs                                    POST    405  405  405  405  405  405  405  405
# Accounts (allauth). Signed-in people are sent on from login and sign-up; reset and confirmation links with a
# wrong key answer with allauth's own page
account_login                               GET     200  ->   ->   ->   ->   ->   ->   ->
account_login                               POST    ok   ok   ok   ok   ok   ok   ok   ok
account_logout                              GET     ->   200  200  200  200  200  200  200
account_logout                              POST    ok   ok   ok   ok   ok   ok   ok   ok
account_inactive                            GET     200  200  200  200  200  200  200  200
account_inactive                            POST    405  405  405  405  405  405  405  405
account_signup                              GET     200  ->   ->   ->   ->   ->   ->   ->
account_signup                              POST    ok   ok   ok   ok   ok   ok   ok   ok
account_reauthenticate                      GET     L    200  200  200  200  200  200  200
account_reauthenticate                      POST    L    ok   ok   ok   ok   ok   ok   ok
account_request_reauthentication_code       GET     L    200  200  200  200  200  200  200
account_request_reauthentication_code       POST    L    ok   ok   ok   ok   ok   ok   ok
account_confirm_reauthentication_code       GET     L    ->   ->   ->   ->   ->   ->   ->
account_confirm_reauthentication_code       POST    L    ok   ok   ok   ok   ok   ok   ok
account_email                               GET     L    200  200  200  200  200  200  200
account_email                               POST    L    ok   ok   ok   ok   ok   ok   ok
account_email_verification_sent             GET     200  200  200  200  200  200  200  200
account_email_verification_sent             POST    405  405  405  405  405  405  405  405
account_change_password                     GET     L    200  200  200  200  200  200  200
account_change_password                     POST    L    ok   ok   ok   ok   ok   ok   ok
account_set_password                        GET     L    ->   ->   ->   ->   ->   ->   ->
account_set_password                        POST    L    ok   ok   ok   ok   ok   ok   ok
account_reset_password                      GET     200  200  200  200  200  200  200  200
account_reset_password                      POST    ok   ok   ok   ok   ok   ok   ok   ok
account_confirm_login_code                  GET     L    ->   ->   ->   ->   ->   ->   ->
account_confirm_login_code                  POST    L    ok   ok   ok   ok   ok   ok   ok
account_confirm_email                       GET     200  200  200  200  200  200  200  200
account_confirm_email                       POST    404  404  404  404  404  404  404  404
account_reset_password_from_key_done        GET     200  200  200  200  200  200  200  200
account_reset_password_from_key_done        POST    405  405  405  405  405  405  405  405
account_reset_password_from_key             GET     200  200  200  200  200  200  200  200
account_reset_password_from_key             POST    ok   ok   ok   ok   ok   ok   ok   ok
account_reset_password_done                 GET     200  200  200  200  200  200  200  200
account_reset_password_done                 POST    405  405  405  405  405  405  405  405
mfa_index                                   GET     L    200  200  200  200  200  200  200
mfa_index                                   POST    L    405  405  405  405  405  405  405
mfa_authenticate                            GET     L    ->   ->   ->   ->   ->   ->   ->
mfa_authenticate                            POST    L    ok   ok   ok   ok   ok   ok   ok
mfa_reauthenticate                          GET     L    ->   ->   ->   ->   ->   ->   ->
mfa_reauthenticate                          POST    L    ok   ok   ok   ok   ok   ok   ok
mfa_activate_totp                           GET     L    ->   ->   ->   ->   ->   ->   ->
mfa_activate_totp                           POST    L    ok   ok   ok   ok   ok   ok   ok
mfa_deactivate_totp                         GET     L    404  404  404  404  404  404  404
mfa_deactivate_totp                         POST    L    404  404  404  404  404  404  404
mfa_view_recovery_codes                     GET     L    404  404  404  404  404  404  404
mfa_view_recovery_codes                     POST    L    405  405  405  405  405  405  405
mfa_generate_recovery_codes                 GET     L    ->   ->   ->   ->   ->   ->   ->
mfa_generate_recovery_codes                 POST    L    ok   ok   ok   ok   ok   ok   ok
mfa_download_recovery_codes                 GET     L    404  404  404  404  404  404  404
mfa_download_recovery_codes                 POST    L    404  404  404  404  404  404  404
# Admin: the site's own pages (its per-model pages are checked by rule, below); accounts are superuser-only. Its login
# page sends visitors to the portal's login (one way in, with the second factor of staff: portal/mfa.py)
admin:index                                 GET     L    L    L    L    L    L    L    200
admin:index                                 POST    L    L    L    L    L    L    L    ok
admin:login                                 GET     L    200  200  200  200  200  200  ->
admin:login                                 POST    L    ok   ok   ok   ok   ok   ok   ok
admin:logout                                GET     ->   ->   ->   ->   ->   ->   ->   405
admin:logout                                POST    ok   ok   ok   ok   ok   ok   ok   ok
admin:password_change                       GET     L    L    L    L    L    L    L    200
admin:password_change                       POST    L    L    L    L    L    L    L    ok
admin:password_change_done                  GET     L    L    L    L    L    L    L    200
admin:password_change_done                  POST    L    L    L    L    L    L    L    405
admin:autocomplete                          GET     L    L    L    L    L    L    L    403
admin:autocomplete                          POST    L    L    L    L    L    L    L    405
admin:jsi18n                                GET     L    L    L    L    L    L    L    200
admin:jsi18n                                POST    L    L    L    L    L    L    L    405
admin:view_on_site                          GET     L    L    L    L    L    L    L    ->
admin:view_on_site                          POST    L    L    L    L    L    L    L    ok
admin:app_list                              GET     L    L    L    L    L    L    L    200
admin:app_list                              POST    L    L    L    L    L    L    L    ok
admin:auth_user_password_change             GET     L    L    L    L    L    L    L    403
admin:auth_user_password_change             POST    L    L    L    L    L    L    L    403
# API v1. Read-only and public, except the user's organisations' assessments and answers (issue 3: scoped to them,
# so coordinators and assessors get 404 there too) and an organisation's benchmark data (its managers and the
# coordinators, issue 5). A visitor gets 403 before any 405; the members-only event is public only to members
api-platform_directory-organisation-list    GET     200  200  200  200  200  200  200  200
api-platform_directory-organisation-list    POST    405  405  405  405  405  405  405  405
api-platform_directory-organisation-list    PUT     405  405  405  405  405  405  405  405
api-platform_directory-organisation-list    PATCH   405  405  405  405  405  405  405  405
api-platform_directory-organisation-list    DELETE  405  405  405  405  405  405  405  405
api-platform_directory-organisation-detail  GET     200  200  200  200  200  200  200  200
api-platform_directory-organisation-detail  POST    405  405  405  405  405  405  405  405
api-platform_directory-organisation-detail  PUT     405  405  405  405  405  405  405  405
api-platform_directory-organisation-detail  PATCH   405  405  405  405  405  405  405  405
api-platform_directory-organisation-detail  DELETE  405  405  405  405  405  405  405  405
api-labelling-framework-detail              GET     200  200  200  200  200  200  200  200
api-labelling-framework-detail              POST    405  405  405  405  405  405  405  405
api-labelling-framework-detail              PUT     405  405  405  405  405  405  405  405
api-labelling-framework-detail              PATCH   405  405  405  405  405  405  405  405
api-labelling-framework-detail              DELETE  405  405  405  405  405  405  405  405
api-labelling-assessment-list               GET     403  200  200  200  200  200  200  200
api-labelling-assessment-list               POST    403  405  405  405  405  405  405  405
api-labelling-assessment-list               PUT     403  405  405  405  405  405  405  405
api-labelling-assessment-list               PATCH   403  405  405  405  405  405  405  405
api-labelling-assessment-list               DELETE  403  405  405  405  405  405  405  405
api-labelling-assessment-detail             GET     403  404  200  404  404  404  404  404
api-labelling-assessment-detail             POST    403  405  405  405  405  405  405  405
api-labelling-assessment-detail             PUT     403  405  405  405  405  405  405  405
api-labelling-assessment-detail             PATCH   403  405  405  405  405  405  405  405
api-labelling-assessment-detail             DELETE  403  405  405  405  405  405  405  405
api-labelling-answer-detail                 GET     403  404  200  404  404  404  404  404
api-labelling-answer-detail                 POST    403  405  405  405  405  405  405  405
api-labelling-answer-detail                 PUT     403  404  ok   404  404  404  404  404
api-labelling-answer-detail                 PATCH   403  404  ok   404  404  404  404  404
api-labelling-answer-detail                 DELETE  403  405  405  405  405  405  405  405
api-labelling-label-list                    GET     200  200  200  200  200  200  200  200
api-labelling-label-list                    POST    405  405  405  405  405  405  405  405
api-labelling-label-list                    PUT     405  405  405  405  405  405  405  405
api-labelling-label-list                    PATCH   405  405  405  405  405  405  405  405
api-labelling-label-list                    DELETE  405  405  405  405  405  405  405  405
api-labelling-verify-file                   GET     405  405  405  405  405  405  405  405
api-labelling-verify-file                   POST    ok   ok   ok   ok   ok   ok   ok   ok
api-labelling-verify-file                   PUT     405  405  405  405  405  405  405  405
api-labelling-verify-file                   PATCH   405  405  405  405  405  405  405  405
api-labelling-verify-file                   DELETE  405  405  405  405  405  405  405  405
api-labelling-verify                        GET     200  200  200  200  200  200  200  200
api-labelling-verify                        POST    405  405  405  405  405  405  405  405
api-labelling-verify                        PUT     405  405  405  405  405  405  405  405
api-labelling-verify                        PATCH   405  405  405  405  405  405  405  405
api-labelling-verify                        DELETE  405  405  405  405  405  405  405  405
api-labelling-label-detail                  GET     200  200  200  200  200  200  200  200
api-labelling-label-detail                  POST    405  405  405  405  405  405  405  405
api-labelling-label-detail                  PUT     405  405  405  405  405  405  405  405
api-labelling-label-detail                  PATCH   405  405  405  405  405  405  405  405
api-labelling-label-detail                  DELETE  405  405  405  405  405  405  405  405
api-benchmarking-statistics                 GET     200  200  200  200  200  200  200  200
api-benchmarking-statistics                 POST    405  405  405  405  405  405  405  405
api-benchmarking-statistics                 PUT     405  405  405  405  405  405  405  405
api-benchmarking-statistics                 PATCH   405  405  405  405  405  405  405  405
api-benchmarking-statistics                 DELETE  405  405  405  405  405  405  405  405
api-benchmarking-organisation               GET     403  404  200  404  404  404  404  200
api-benchmarking-organisation               POST    403  405  405  405  405  405  405  405
api-benchmarking-organisation               PUT     403  405  405  405  405  405  405  405
api-benchmarking-organisation               PATCH   403  405  405  405  405  405  405  405
api-benchmarking-organisation               DELETE  403  405  405  405  405  405  405  405
api-knowledge-modules                       GET     200  200  200  200  200  200  200  200
api-knowledge-modules                       POST    405  405  405  405  405  405  405  405
api-knowledge-modules                       PUT     405  405  405  405  405  405  405  405
api-knowledge-modules                       PATCH   405  405  405  405  405  405  405  405
api-knowledge-modules                       DELETE  405  405  405  405  405  405  405  405
api-knowledge-recommendations               GET     400  400  400  400  400  400  400  400
api-knowledge-recommendations               POST    405  405  405  405  405  405  405  405
api-knowledge-recommendations               PUT     405  405  405  405  405  405  405  405
api-knowledge-recommendations               PATCH   405  405  405  405  405  405  405  405
api-knowledge-recommendations               DELETE  405  405  405  405  405  405  405  405
api-knowledge-programmes                    GET     200  200  200  200  200  200  200  200
api-knowledge-programmes                    POST    405  405  405  405  405  405  405  405
api-knowledge-programmes                    PUT     405  405  405  405  405  405  405  405
api-knowledge-programmes                    PATCH   405  405  405  405  405  405  405  405
api-knowledge-programmes                    DELETE  405  405  405  405  405  405  405  405
api-club-event-list                         GET     200  200  200  200  200  200  200  200
api-club-event-list                         POST    405  405  405  405  405  405  405  405
api-club-event-list                         PUT     405  405  405  405  405  405  405  405
api-club-event-list                         PATCH   405  405  405  405  405  405  405  405
api-club-event-list                         DELETE  405  405  405  405  405  405  405  405
api-club-event-detail                       GET     404  404  404  404  404  404  200  200
api-club-event-detail                       POST    405  405  405  405  405  405  405  405
api-club-event-detail                       PUT     405  405  405  405  405  405  405  405
api-club-event-detail                       PATCH   405  405  405  405  405  405  405  405
api-club-event-detail                       DELETE  405  405  405  405  405  405  405  405
api-survey-list                             GET     200  200  200  200  200  200  200  200
api-survey-list                             POST    405  405  405  405  405  405  405  405
api-survey-list                             PUT     405  405  405  405  405  405  405  405
api-survey-list                             PATCH   405  405  405  405  405  405  405  405
api-survey-list                             DELETE  405  405  405  405  405  405  405  405
api-survey-training-needs                   GET     200  200  200  200  200  200  200  200
api-survey-training-needs                   POST    405  405  405  405  405  405  405  405
api-survey-training-needs                   PUT     405  405  405  405  405  405  405  405
api-survey-training-needs                   PATCH   405  405  405  405  405  405  405  405
api-survey-training-needs                   DELETE  405  405  405  405  405  405  405  405
api-survey-summary                          GET     200  200  200  200  200  200  200  200
api-survey-summary                          POST    405  405  405  405  405  405  405  405
api-survey-summary                          PUT     405  405  405  405  405  405  405  405
api-survey-summary                          PATCH   405  405  405  405  405  405  405  405
api-survey-summary                          DELETE  405  405  405  405  405  405  405  405
# Directory: public profiles and CSV export; outsiders get 404, coordinators 403 on what only managers do; the
# request from B to A is accepted by A (B, its sender, may only withdraw it); an invitation is for its address only
platform_directory:list                     GET     200  200  200  200  200  200  200  200
platform_directory:list                     POST    405  405  405  405  405  405  405  405
platform_directory:export                   GET     200  200  200  200  200  200  200  200
platform_directory:export                   POST    405  405  405  405  405  405  405  405
platform_directory:create                   GET     L    200  200  200  200  200  200  200
platform_directory:create                   POST    L    ok   ok   ok   ok   ok   ok   ok
platform_directory:validation_queue         GET     L    403  403  403  403  403  403  200
platform_directory:validation_queue         POST    L    405  405  405  405  405  405  405
platform_directory:validation_review        GET     L    403  403  403  403  403  403  200
platform_directory:validation_review        POST    L    403  403  403  403  403  403  ok
platform_directory:inbox                    GET     L    200  200  200  200  200  200  200
platform_directory:inbox                    POST    L    405  405  405  405  405  405  405
platform_directory:request_detail           GET     L    404  200  200  404  404  404  404
platform_directory:request_detail           POST    L    404  ok   403  404  404  404  404
platform_directory:invitation               GET     L    400  400  400  400  400  400  400
platform_directory:invitation               POST    L    ok   ok   ok   ok   ok   ok   ok
platform_directory:detail                   GET     200  200  200  200  200  200  200  200
platform_directory:detail                   POST    405  405  405  405  405  405  405  405
platform_directory:edit                     GET     L    404  200  404  404  404  404  403
platform_directory:edit                     POST    L    404  ok   404  404  404  404  403
platform_directory:resubmit                 GET     L    405  405  405  405  405  405  405
platform_directory:resubmit                 POST    L    404  ok   404  404  404  404  403
platform_directory:managers                 GET     L    404  200  404  404  404  404  403
platform_directory:managers                 POST    L    404  ok   404  404  404  404  403
platform_directory:membership_remove        GET     L    405  405  405  405  405  405  405
platform_directory:membership_remove        POST    L    404  ok   404  404  404  404  403
platform_directory:invitation_revoke        GET     L    405  405  405  405  405  405  405
platform_directory:invitation_revoke        POST    L    404  ok   404  404  404  404  403
platform_directory:contact                  GET     L    403  ->   200  403  403  403  403
platform_directory:contact                  POST    L    403  ok   ok   403  403  403  403
# Labelling: self-assessment. A's Bronze assessment in review (AS assigned): outsiders 404, the assigned assessor
# reads it but does not edit (403); evidence downloads: managers, assigned assessors, coordinators (issue 3)
labelling:assessment_list                   GET     L    200  200  200  200  200  200  200
labelling:assessment_list                   POST    L    405  405  405  405  405  405  405
labelling:assessment_start                  GET     L    403  200  200  403  403  403  403
labelling:assessment_start                  POST    L    403  ok   ok   403  403  403  403
labelling:assessment_detail                 GET     L    404  200  404  200  404  404  200
labelling:assessment_detail                 POST    L    405  405  405  405  405  405  405
labelling:assessment_requirements           GET     L    404  200  404  200  404  404  200
labelling:assessment_requirements           POST    L    405  405  405  405  405  405  405
labelling:dimension                         GET     L    404  200  404  200  404  404  200
labelling:dimension                         POST    L    405  405  405  405  405  405  405
labelling:answer_save                       GET     405  405  405  405  405  405  405  405
labelling:answer_save                       POST    L    404  ok   404  403  404  404  403
labelling:evidence_upload                   GET     L    405  405  405  405  405  405  405
labelling:evidence_upload                   POST    L    404  ok   404  403  404  404  403
labelling:evidence_attach                   GET     L    405  405  405  405  405  405  405
labelling:evidence_attach                   POST    L    404  ok   404  403  404  404  403
labelling:evidence_detach                   GET     L    405  405  405  405  405  405  405
labelling:evidence_detach                   POST    L    404  ok   404  403  404  404  403
labelling:documents                         GET     L    404  200  404  404  404  404  200
labelling:documents                         POST    L    404  ok   404  404  404  404  403
labelling:improvements                      GET     L    404  200  404  404  404  404  200
labelling:improvements                      POST    L    404  ok   404  404  404  404  403
labelling:improvement_remove                GET     L    405  405  405  405  405  405  405
labelling:improvement_remove                POST    L    404  ok   404  404  404  404  403
labelling:assessment_submit                 GET     L    405  405  405  405  405  405  405
labelling:assessment_submit                 POST    L    404  ok   404  403  404  404  403
labelling:assessment_withdraw               GET     L    405  405  405  405  405  405  405
labelling:assessment_withdraw               POST    L    404  ok   404  403  404  404  403
labelling:document_download                 GET     L    404  200  404  200  404  404  200
labelling:document_download                 POST    L    405  405  405  405  405  405  405
# Labelling: review, decisions, appeals. An assessor not assigned gets 404 (issue 3); coordinators' pages are 404 to
# everyone else; appeal_decide opens A's Gold assessment under appeal, decided by another coordinator
labelling:review_queue                      GET     L    403  403  403  200  200  403  403
labelling:review_queue                      POST    L    405  405  405  405  405  405  405
labelling:affiliations                      GET     L    403  403  403  200  200  403  403
labelling:affiliations                      POST    L    403  403  403  ok   ok   403  403
labelling:affiliation_remove                GET     L    405  405  405  405  405  405  405
labelling:affiliation_remove                POST    L    404  404  404  ok   404  404  404
labelling:review_assessment                 GET     L    404  404  404  200  404  404  404
labelling:review_assessment                 POST    L    405  405  405  405  405  405  405
labelling:review_declare                    GET     L    405  405  405  405  405  405  405
labelling:review_declare                    POST    L    404  404  404  ok   404  404  404
labelling:review_decline                    GET     L    404  404  404  200  404  404  404
labelling:review_decline                    POST    L    404  404  404  ok   404  404  404
labelling:review_recommend                  GET     L    405  405  405  405  405  405  405
labelling:review_recommend                  POST    L    404  404  404  ok   404  404  404
labelling:review_answer                     GET     L    405  405  405  405  405  405  405
labelling:review_answer                     POST    L    404  404  404  ok   404  404  404
labelling:assessment_questions              GET     L    404  200  404  404  404  404  200
labelling:assessment_questions              POST    L    405  405  405  405  405  405  405
labelling:answer_reply                      GET     L    405  405  405  405  405  405  405
labelling:answer_reply                      POST    L    404  ok   404  404  404  404  403
labelling:assessment_outcome                GET     L    404  200  404  404  404  404  200
labelling:assessment_outcome                POST    L    404  ok   404  404  404  404  403
labelling:pipeline                          GET     L    403  403  403  403  403  403  200
labelling:pipeline                          POST    L    405  405  405  405  405  405  405
labelling:assign                            GET     L    404  404  404  404  404  404  200
labelling:assign                            POST    L    404  404  404  404  404  404  ok
labelling:assignment_remove                 GET     L    405  405  405  405  405  405  405
labelling:assignment_remove                 POST    L    404  404  404  404  404  404  ok
labelling:decide                            GET     L    404  404  404  404  404  404  200
labelling:decide                            POST    L    404  404  404  404  404  404  ok
labelling:appeal_decide                     GET     L    404  404  404  404  404  404  200
labelling:appeal_decide                     POST    L    404  404  404  404  404  404  ok
# Labelling: labels in the world. Registry, verification, badges public; the label's page and its certificate PDF
# (private) for A's managers and the coordinators; a manager re-issues only after a name change (the service says
# so, hence ok); suspension is the coordinators'
labelling:registry                          GET     200  200  200  200  200  200  200  200
labelling:registry                          POST    405  405  405  405  405  405  405  405
labelling:my_labels                         GET     L    200  200  200  200  200  200  200
labelling:my_labels                         POST    L    405  405  405  405  405  405  405
labelling:verify_home                       GET     200  200  200  200  200  200  200  200
labelling:verify_home                       POST    ok   ok   ok   ok   ok   ok   ok   ok
labelling:verify                            GET     200  200  200  200  200  200  200  200
labelling:verify                            POST    405  405  405  405  405  405  405  405
labelling:label_detail                      GET     200  200  200  200  200  200  200  200
labelling:label_detail                      POST    405  405  405  405  405  405  405  405
labelling:badge                             GET     200  200  200  200  200  200  200  200
labelling:badge                             POST    405  405  405  405  405  405  405  405
labelling:label_manage                      GET     L    404  200  404  404  404  404  200
labelling:label_manage                      POST    L    405  405  405  405  405  405  405
labelling:certificate_download              GET     L    404  200  404  404  404  404  200
labelling:certificate_download              POST    L    405  405  405  405  405  405  405
labelling:certificate_reissue               GET     L    405  405  405  405  405  405  405
labelling:certificate_reissue               POST    L    404  ok   404  404  404  404  ok
labelling:label_status_change               GET     L    405  405  405  405  405  405  405
labelling:label_status_change               POST    L    404  403  404  404  404  404  ok
# Benchmarking: A's report and its PDF are private to A and the coordinators (404 to the rest); 'learn from us'
# belongs to A's managers (coordinators 403); the programme, its CSV and recomputation to the coordinators
benchmarking:home                           GET     200  200  200  200  200  200  200  200
benchmarking:home                           POST    405  405  405  405  405  405  405  405
benchmarking:organisation_reports           GET     L    404  200  404  404  404  404  200
benchmarking:organisation_reports           POST    L    405  405  405  405  405  405  405
benchmarking:learn_from_us                  GET     L    404  200  404  404  404  404  403
benchmarking:learn_from_us                  POST    L    404  ok   404  404  404  404  403
benchmarking:report                         GET     L    404  200  404  404  404  404  200
benchmarking:report                         POST    L    405  405  405  405  405  405  405
benchmarking:report_pdf                     GET     L    404  200  404  404  404  404  200
benchmarking:report_pdf                     POST    L    405  405  405  405  405  405  405
benchmarking:programme                      GET     L    403  403  403  403  403  403  200
benchmarking:programme                      POST    L    405  405  405  405  405  405  405
benchmarking:programme_export               GET     L    403  403  403  403  403  403  200
benchmarking:programme_export               POST    L    405  405  405  405  405  405  405
benchmarking:programme_recompute            GET     L    405  405  405  405  405  405  405
benchmarking:programme_recompute            POST    L    403  403  403  403  403  403  ok
# Knowledge: summaries public, lessons, cases and quizzes need an account (issue 6); a learner's record and quiz
# attempt (U's): U and the coordinators; U's programme proposal: U and the coordinators until approved
knowledge:home                              GET     200  200  200  200  200  200  200  200
knowledge:home                              POST    405  405  405  405  405  405  405  405
knowledge:search                            GET     200  200  200  200  200  200  200  200
knowledge:search                            POST    405  405  405  405  405  405  405  405
knowledge:my_learning                       GET     L    200  200  200  200  200  200  200
knowledge:my_learning                       POST    L    405  405  405  405  405  405  405
knowledge:learner                           GET     L    200  404  404  404  404  404  200
knowledge:learner                           POST    L    405  405  405  405  405  405  405
knowledge:indicator_lookup                  GET     ->   ->   ->   ->   ->   ->   ->   ->
knowledge:indicator_lookup                  POST    405  405  405  405  405  405  405  405
knowledge:indicator                         GET     200  200  200  200  200  200  200  200
knowledge:indicator                         POST    405  405  405  405  405  405  405  405
knowledge:module                            GET     200  200  200  200  200  200  200  200
knowledge:module                            POST    405  405  405  405  405  405  405  405
knowledge:module_continue                   GET     L    ->   ->   ->   ->   ->   ->   ->
knowledge:module_continue                   POST    L    405  405  405  405  405  405  405
knowledge:quiz                              GET     L    200  200  200  200  200  200  200
knowledge:quiz                              POST    L    ok   ok   ok   ok   ok   ok   ok
knowledge:lesson                            GET     L    200  200  200  200  200  200  200
knowledge:lesson                            POST    L    405  405  405  405  405  405  405
knowledge:lesson_complete                   GET     L    405  405  405  405  405  405  405
knowledge:lesson_complete                   POST    L    ok   ok   ok   ok   ok   ok   ok
knowledge:lesson_reopen                     GET     L    405  405  405  405  405  405  405
knowledge:lesson_reopen                     POST    L    ok   ok   ok   ok   ok   ok   ok
knowledge:attempt                           GET     L    200  404  404  404  404  404  200
knowledge:attempt                           POST    L    405  405  405  405  405  405  405
knowledge:cases                             GET     200  200  200  200  200  200  200  200
knowledge:cases                             POST    405  405  405  405  405  405  405  405
knowledge:case                              GET     L    200  200  200  200  200  200  200
knowledge:case                              POST    L    405  405  405  405  405  405  405
knowledge:programmes                        GET     200  200  200  200  200  200  200  200
knowledge:programmes                        POST    405  405  405  405  405  405  405  405
knowledge:programme_propose                 GET     L    200  200  200  200  200  200  200
knowledge:programme_propose                 POST    L    ok   ok   ok   ok   ok   ok   ok
knowledge:programme_review                  GET     L    403  403  403  403  403  403  200
knowledge:programme_review                  POST    L    405  405  405  405  405  405  405
knowledge:programme                         GET     404  200  404  404  404  404  404  200
knowledge:programme                         POST    405  405  405  405  405  405  405  405
knowledge:programme_decide                  GET     L    405  405  405  405  405  405  405
knowledge:programme_decide                  POST    L    403  403  403  403  403  403  ok
# Club: the event and the announcement are members-only; attendees and their CSV: coordinators and the organiser
# (CO); the digest and calendar links carry their own secret token, so they open without a session
club:home                                   GET     200  200  200  200  200  200  200  200
club:home                                   POST    405  405  405  405  405  405  405  405
club:members_chart                          GET     200  200  200  200  200  200  200  200
club:members_chart                          POST    405  405  405  405  405  405  405  405
club:apply                                  GET     L    200  200  200  200  200  ->   200
club:apply                                  POST    L    ok   ok   ok   ok   ok   ok   ok
club:my_membership                          GET     L    200  200  200  200  200  200  200
club:my_membership                          POST    L    403  403  403  403  403  ok   403
club:renew                                  GET     L    405  405  405  405  405  405  405
club:renew                                  POST    L    404  404  404  404  404  ok   404
club:digest_unsubscribe                     GET     200  200  200  200  200  200  200  200
club:digest_unsubscribe                     POST    ok   ok   ok   ok   ok   ok   ok   ok
club:member_list                            GET     L    403  403  403  403  403  200  200
club:member_list                            POST    L    403  403  403  403  403  405  405
club:member_detail                          GET     L    403  403  403  403  403  200  200
club:member_detail                          POST    L    403  403  403  403  403  405  405
club:member_contact                         GET     L    403  403  403  403  403  405  405
club:member_contact                         POST    L    403  403  403  403  403  ok   ok
club:event_list                             GET     200  200  200  200  200  200  200  200
club:event_list                             POST    405  405  405  405  405  405  405  405
club:event_feed                             GET     200  200  200  200  200  200  200  200
club:event_feed                             POST    405  405  405  405  405  405  405  405
club:event_create                           GET     L    403  403  403  403  403  403  200
club:event_create                           POST    L    403  403  403  403  403  403  ok
club:event_detail                           GET     404  404  404  404  404  404  200  200
club:event_detail                           POST    405  405  405  405  405  405  405  405
club:event_ics                              GET     404  404  404  404  404  404  200  200
club:event_ics                              POST    405  405  405  405  405  405  405  405
club:event_register                         GET     L    405  405  405  405  405  405  405
club:event_register                         POST    L    404  404  404  404  404  ok   ok
club:event_unregister                       GET     L    405  405  405  405  405  405  405
club:event_unregister                       POST    L    404  404  404  404  404  ok   ok
club:event_edit                             GET     L    403  403  403  403  403  403  200
club:event_edit                             POST    L    403  403  403  403  403  403  ok
club:event_cancel                           GET     L    403  403  403  403  403  403  405
club:event_cancel                           POST    L    403  403  403  403  403  403  ok
club:event_attendees                        GET     L    404  404  404  404  404  403  200
club:event_attendees                        POST    L    405  405  405  405  405  405  405
club:event_attendees_csv                    GET     L    404  404  404  404  404  403  200
club:event_attendees_csv                    POST    L    405  405  405  405  405  405  405
club:member_feed                            GET     200  200  200  200  200  200  200  200
club:member_feed                            POST    405  405  405  405  405  405  405  405
club:application_list                       GET     L    403  403  403  403  403  403  200
club:application_list                       POST    L    403  403  403  403  403  403  405
club:application_detail                     GET     L    403  403  403  403  403  403  200
club:application_detail                     POST    L    403  403  403  403  403  403  405
club:application_approve                    GET     L    403  403  403  403  403  403  405
club:application_approve                    POST    L    403  403  403  403  403  403  ok
club:application_decline                    GET     L    403  403  403  403  403  403  405
club:application_decline                    POST    L    403  403  403  403  403  403  ok
club:announcement_list                      GET     200  200  200  200  200  200  200  200
club:announcement_list                      POST    405  405  405  405  405  405  405  405
club:announcement_create                    GET     L    403  403  403  403  403  403  200
club:announcement_create                    POST    L    403  403  403  403  403  403  ok
club:announcement_detail                    GET     404  404  404  404  404  404  200  200
club:announcement_detail                    POST    405  405  405  405  405  405  405  405
club:announcement_edit                      GET     L    403  403  403  403  403  403  200
club:announcement_edit                      POST    L    403  403  403  403  403  403  ok
club:announcement_delete                    GET     L    403  403  403  403  403  403  405
club:announcement_delete                    POST    L    403  403  403  403  403  403  ok
# Surveys: live, for organisation members (MA, MB answer), summary published; builder, results and exports
# (CSV, XLSX) for coordinators; invitation links (token) open without a session
survey:list                                 GET     200  200  200  200  200  200  200  200
survey:list                                 POST    405  405  405  405  405  405  405  405
survey:manage_list                          GET     L    403  403  403  403  403  403  200
survey:manage_list                          POST    L    405  405  405  405  405  405  405
survey:manage_create                        GET     L    403  403  403  403  403  403  200
survey:manage_create                        POST    L    403  403  403  403  403  403  ok
survey:manage_detail                        GET     L    403  403  403  403  403  403  200
survey:manage_detail                        POST    L    405  405  405  405  405  405  405
survey:manage_edit                          GET     L    403  403  403  403  403  403  200
survey:manage_edit                          POST    L    403  403  403  403  403  403  ok
survey:manage_section_create                GET     L    403  403  403  403  403  403  200
survey:manage_section_create                POST    L    403  403  403  403  403  403  ok
survey:manage_section_edit                  GET     L    403  403  403  403  403  403  200
survey:manage_section_edit                  POST    L    403  403  403  403  403  403  ok
survey:manage_section_delete                GET     L    405  405  405  405  405  405  405
survey:manage_section_delete                POST    L    403  403  403  403  403  403  ok
survey:manage_question_create               GET     L    403  403  403  403  403  403  200
survey:manage_question_create               POST    L    403  403  403  403  403  403  ok
survey:manage_question_edit                 GET     L    403  403  403  403  403  403  200
survey:manage_question_edit                 POST    L    403  403  403  403  403  403  ok
survey:manage_question_delete               GET     L    405  405  405  405  405  405  405
survey:manage_question_delete               POST    L    403  403  403  403  403  403  ok
survey:manage_invitations                   GET     L    403  403  403  403  403  403  200
survey:manage_invitations                   POST    L    403  403  403  403  403  403  ok
survey:manage_transition                    GET     L    405  405  405  405  405  405  405
survey:manage_transition                    POST    L    403  403  403  403  403  403  ok
survey:token_start                          GET     200  200  200  200  200  200  200  200
survey:token_start                          POST    405  405  405  405  405  405  405  405
survey:token_answer                         GET     200  200  200  200  200  200  200  200
survey:token_answer                         POST    ok   ok   ok   ok   ok   ok   ok   ok
survey:token_review                         GET     200  200  200  200  200  200  200  200
survey:token_review                         POST    ok   ok   ok   ok   ok   ok   ok   ok
survey:token_done                           GET     ->   ->   ->   ->   ->   ->   ->   ->
survey:token_done                           POST    405  405  405  405  405  405  405  405
survey:detail                               GET     200  200  200  200  200  200  200  200
survey:detail                               POST    405  405  405  405  405  405  405  405
survey:answer                               GET     L    403  200  200  403  403  403  403
survey:answer                               POST    L    403  ok   ok   403  403  403  403
survey:review                               GET     L    403  200  200  403  403  403  403
survey:review                               POST    L    403  ok   ok   403  403  403  403
survey:done                                 GET     L    403  ->   ->   403  403  403  403
survey:done                                 POST    405  405  405  405  405  405  405  405
survey:results                              GET     L    403  403  403  403  403  403  200
survey:results                              POST    L    405  405  405  405  405  405  405
survey:results_csv                          GET     L    403  403  403  403  403  403  200
survey:results_csv                          POST    L    405  405  405  405  405  405  405
survey:results_xlsx                         GET     L    403  403  403  403  403  403  200
survey:results_xlsx                         POST    L    405  405  405  405  405  405  405
survey:summary                              GET     200  200  200  200  200  200  200  200
survey:summary                              POST    405  405  405  405  405  405  405  405
"""
# fmt: on

URL_KWARGS: dict[str, Callable] = {
    "admin:app_list": k(app_label="labelling"),
    "admin:view_on_site": k(content_type_id=lambda w: w.org_a_content_type, object_id=lambda w: w.org_a.pk),
    "admin:auth_user_password_change": k(id=lambda w: w.user.pk),
    "portal:task_status": k(run_id=lambda w: w.task_run.pk),
    "public-media": k(path=lambda w: w.org_a.logo.name),
    "account_confirm_email": k(key="not-a-real-key"),
    "account_reset_password_from_key": k(uidb36="1", key="not-a-real-key"),
    "api-platform_directory-organisation-detail": k(slug=lambda w: w.org_a.slug),
    "api-labelling-framework-detail": k(code="ECEI-2026"),
    "api-labelling-assessment-detail": k(pk=A),
    "api-labelling-answer-detail": k(pk=A, code=lambda w: w.answer.indicator.code),
    "api-labelling-verify": k(token=lambda w: w.label.certificate.token),
    "api-labelling-label-detail": k(number=lambda w: w.label.number),
    "api-benchmarking-organisation": k(slug=lambda w: w.org_a.slug),
    "api-club-event-detail": k(pk=lambda w: w.event.pk),
    "api-survey-summary": k(slug=lambda w: w.survey.slug),
    "platform_directory:validation_review": k(slug=lambda w: w.pending_org.slug),
    "platform_directory:request_detail": k(pk=lambda w: w.collaboration_request.pk),
    "platform_directory:invitation": k(token=lambda w: w.invitation.token),
    "platform_directory:detail": k(slug=lambda w: w.org_a.slug),
    "platform_directory:edit": k(slug=lambda w: w.org_a.slug),
    "platform_directory:resubmit": k(slug=lambda w: w.org_a.slug),
    "platform_directory:managers": k(slug=lambda w: w.org_a.slug),
    "platform_directory:membership_remove": k(slug=lambda w: w.org_a.slug, pk=lambda w: w.viewer_membership.pk),
    "platform_directory:invitation_revoke": k(slug=lambda w: w.org_a.slug, pk=lambda w: w.invitation.pk),
    "platform_directory:contact": k(slug=lambda w: w.org_a.slug),
    "labelling:assessment_detail": k(pk=A),
    "labelling:assessment_requirements": k(pk=A),
    "labelling:dimension": k(pk=A, number=1),
    "labelling:answer_save": k(pk=A, answer_pk=lambda w: w.answer.pk),
    "labelling:evidence_upload": k(pk=A, answer_pk=lambda w: w.answer.pk),
    "labelling:evidence_attach": k(pk=A, answer_pk=lambda w: w.answer.pk),
    "labelling:evidence_detach": k(pk=A, answer_pk=lambda w: w.answer.pk, document_pk=lambda w: w.document.pk),
    "labelling:documents": k(pk=A),
    "labelling:improvements": k(pk=lambda w: w.silver.pk),
    "labelling:improvement_remove": k(pk=lambda w: w.silver.pk, declaration_pk=lambda w: w.declaration.pk),
    "labelling:assessment_submit": k(pk=A),
    "labelling:assessment_withdraw": k(pk=A),
    "labelling:document_download": k(document_pk=lambda w: w.document.pk),
    "labelling:affiliation_remove": k(pk=lambda w: w.affiliation.pk),
    "labelling:review_assessment": k(pk=A),
    "labelling:review_declare": k(pk=A),
    "labelling:review_decline": k(pk=A),
    "labelling:review_recommend": k(pk=A),
    "labelling:review_answer": k(pk=A, answer_pk=lambda w: w.answer.pk, action="accept"),
    "labelling:assessment_questions": k(pk=A),
    "labelling:answer_reply": k(pk=A, answer_pk=lambda w: w.answer.pk),
    "labelling:assessment_outcome": k(pk=A),
    "labelling:assign": k(pk=A),
    "labelling:assignment_remove": k(pk=A, assignment_pk=lambda w: w.assignment.pk),
    "labelling:decide": k(pk=A),
    "labelling:appeal_decide": k(pk=lambda w: w.appealed.pk),
    "labelling:verify": k(token=lambda w: w.label.certificate.token),
    "labelling:label_detail": k(number=lambda w: w.label.number),
    "labelling:badge": k(number=lambda w: w.label.number),
    "labelling:label_manage": k(number=lambda w: w.label.number),
    "labelling:certificate_download": k(number=lambda w: w.label.number, revision=1),
    "labelling:certificate_reissue": k(number=lambda w: w.label.number),
    "labelling:label_status_change": k(number=lambda w: w.label.number, action="suspend"),
    "benchmarking:organisation_reports": k(slug=lambda w: w.org_a.slug),
    "benchmarking:learn_from_us": k(slug=lambda w: w.org_a.slug),
    "benchmarking:report": k(number=lambda w: w.report.number),
    "benchmarking:report_pdf": k(number=lambda w: w.report.number),
    "knowledge:learner": k(user_id=lambda w: w.user.pk),
    "knowledge:indicator": k(code="1.1"),
    "knowledge:module": k(slug=lambda w: w.module.slug),
    "knowledge:module_continue": k(slug=lambda w: w.module.slug),
    "knowledge:quiz": k(slug=lambda w: w.module.slug),
    "knowledge:lesson": k(slug=lambda w: w.module.slug, lesson_slug=lambda w: w.lesson.slug),
    "knowledge:lesson_complete": k(slug=lambda w: w.module.slug, lesson_slug=lambda w: w.lesson.slug),
    "knowledge:lesson_reopen": k(slug=lambda w: w.module.slug, lesson_slug=lambda w: w.lesson.slug),
    "knowledge:attempt": k(pk=lambda w: w.attempt.pk),
    "knowledge:case": k(slug=lambda w: w.case.slug),
    "knowledge:programme": k(pk=lambda w: w.programme.pk),
    "knowledge:programme_decide": k(pk=lambda w: w.programme.pk),
    "club:digest_unsubscribe": k(token=lambda w: w.unsubscribe_token),
    "club:member_detail": k(pk=lambda w: w.membership.pk),
    "club:member_contact": k(pk=lambda w: w.membership.pk),
    "club:event_detail": k(pk=lambda w: w.event.pk),
    "club:event_ics": k(pk=lambda w: w.event.pk),
    "club:event_register": k(pk=lambda w: w.event.pk),
    "club:event_unregister": k(pk=lambda w: w.event.pk),
    "club:event_edit": k(pk=lambda w: w.event.pk),
    "club:event_cancel": k(pk=lambda w: w.event.pk),
    "club:event_attendees": k(pk=lambda w: w.event.pk),
    "club:event_attendees_csv": k(pk=lambda w: w.event.pk),
    "club:member_feed": k(token=lambda w: w.membership.calendar_token),
    "club:application_detail": k(pk=lambda w: w.application.pk),
    "club:application_approve": k(pk=lambda w: w.application.pk),
    "club:application_decline": k(pk=lambda w: w.application.pk),
    "club:announcement_detail": k(pk=lambda w: w.announcement.pk),
    "club:announcement_edit": k(pk=lambda w: w.announcement.pk),
    "club:announcement_delete": k(pk=lambda w: w.announcement.pk),
    "survey:manage_detail": k(pk=lambda w: w.survey.pk),
    "survey:manage_edit": k(pk=lambda w: w.survey.pk),
    "survey:manage_section_create": k(pk=lambda w: w.survey.pk),
    "survey:manage_section_edit": k(pk=lambda w: w.survey.pk, section_pk=lambda w: w.survey_built.role.section_id),
    "survey:manage_section_delete": k(pk=lambda w: w.survey.pk, section_pk=lambda w: w.survey_built.role.section_id),
    "survey:manage_question_create": k(pk=lambda w: w.survey.pk),
    "survey:manage_question_edit": k(pk=lambda w: w.survey.pk, question_pk=lambda w: w.survey_built.role.pk),
    "survey:manage_question_delete": k(pk=lambda w: w.survey.pk, question_pk=lambda w: w.survey_built.role.pk),
    "survey:manage_invitations": k(pk=lambda w: w.survey.pk),
    "survey:manage_transition": k(pk=lambda w: w.survey.pk, action="close"),
    "survey:token_start": k(token=SURVEY_TOKEN),
    "survey:token_answer": k(token=SURVEY_TOKEN, step=1),
    "survey:token_review": k(token=SURVEY_TOKEN),
    "survey:token_done": k(token=SURVEY_TOKEN),
    "survey:detail": k(slug=lambda w: w.survey.slug),
    "survey:answer": k(slug=lambda w: w.survey.slug, step=1),
    "survey:review": k(slug=lambda w: w.survey.slug),
    "survey:done": k(slug=lambda w: w.survey.slug),
    "survey:results": k(slug=lambda w: w.survey.slug),
    "survey:results_csv": k(slug=lambda w: w.survey.slug),
    "survey:results_xlsx": k(slug=lambda w: w.survey.slug),
    "survey:summary": k(slug=lambda w: w.survey.slug),
    "privacy:export_download": k(export_id="00000000-0000-0000-0000-000000000000"),
}

# POST bodies where an empty one would stop before the permission check
POST_DATA: dict[str, dict] = {
    "platform_directory:request_detail": {"action": "accept", "message": "Gladly."},
}


def parse_table(text: str) -> dict[str, dict[str, list[str]]]:
    """{url name: {method: [cell per persona]}}"""
    rows: dict[str, dict[str, list[str]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, method, *cells = line.split()
        assert len(cells) == len(PERSONAS), f"{name} {method}: {len(cells)} cells for {len(PERSONAS)} personas"
        assert method not in rows.get(name, {}), f"{name} {method} twice"
        rows.setdefault(name, {})[method] = cells
    return rows


ROWS = parse_table(TABLE)


# --- The world and the personas' sessions, once per module ------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world of tests/security/matrix.py in a transaction rolled back when the module ends; each persona's
    session key (logged in once)."""
    from django.apps import apps

    from tests.conftest import REFERENCE_DATA, _reference_data_missing

    with django_db_blocker.unblock(), transaction.atomic():
        if _reference_data_missing():
            import importlib

            for module, function in REFERENCE_DATA:
                getattr(importlib.import_module(module), function)(apps, None)
        w = build_world()
        w.sessions = {}
        for persona in PERSONAS:
            if persona != "visitor":
                client = Client()
                client.force_login(getattr(w, persona))
                w.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield w
        transaction.set_rollback(True)


def client_as(world, persona: str) -> Client:
    """A fresh client with the persona's session: a logout or session change does not leak into other cases."""
    client = Client()
    if persona in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    return client


def send(client: Client, method: str, url: str, data: dict):
    """One request in a savepoint rolled back afterwards: what it changed (a logout included) is undone."""
    cache.clear()  # rate limits (login, verification, API throttles) count per address across cases
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif method == "POST":
            response = client.post(url, data)
        else:
            response = client.generic(method, url, json.dumps(data), content_type="application/json")
        if response.streaming:  # read a streamed file (CSV export...) while its queries can still run
            response.streamed_body = b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


def outcome(response) -> str:
    """The cell a response fills: its status, or L / -> for redirects to the login page / elsewhere."""
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        login = (reverse("account_login"), reverse("admin:login"))
        return "L" if urlsplit(location).path in login else "->"
    return str(response.status_code)


DENIED = {"L", "401", "403", "404", "405"}


def matches(expected: str, actual: str) -> bool:
    if expected == "ok":
        return actual not in DENIED and not actual.startswith("5")
    return expected == actual


def url_of(name: str, world) -> str:
    kwargs = URL_KWARGS.get(name)
    return reverse(name, kwargs=kwargs(world) if kwargs else None)


def is_api(name: str) -> bool:
    return name.startswith("api-") and name not in ("api-schema", "api-docs")


def page_cases():
    for name, methods in ROWS.items():
        for method, cells in methods.items():
            yield pytest.param(name, method, cells, id=f"{name}-{method}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "cells"), list(page_cases()))
def test_each_persona_gets_the_status_the_rules_give(world, name, method, cells):
    url = url_of(name, world)
    wrong = []
    for persona, expected in zip(PERSONAS, cells, strict=True):
        response = send(client_as(world, persona), method, url, POST_DATA.get(name, {}))
        actual = outcome(response)
        if not matches(expected, actual):
            wrong.append(f"{persona}: expected {expected}, got {actual}")
        wrong += email_leaks(world, persona, response)  # nobody's address where portal/privacy.py says no
    assert not wrong, f"{method} {url} ({name}) " + "; ".join(wrong)


# --- Every URL pattern has a row ----------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(name, route) of every pattern of the URLconf, walking includes and namespaces."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, prefix + str(pattern.pattern)


def covered_by_the_admin_rule(name: str | None, route: str) -> bool:
    """A per-model admin page, the unnamed <id>/ redirect of a registered model, or the admin's catch-all."""
    if name is not None:
        return name in admin_pattern_names()
    models = {
        f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/" for model, _ in admin_models()
    }
    return route in models or route == "admin/(?P<url>.*)$"


def test_every_url_pattern_has_a_row():
    missing = sorted(
        f"{name or '(unnamed)'} {route}"
        for name, route in url_patterns()
        if name not in ROWS and not covered_by_the_admin_rule(name, route)
    )
    assert not missing, "URL patterns without a row in the permission matrix:\n" + "\n".join(missing)


def test_every_row_names_an_existing_url_pattern():
    names = {name for name, _ in url_patterns()}
    assert not sorted(set(ROWS) - names), f"rows for URL patterns that no longer exist: {sorted(set(ROWS) - names)}"
    assert not sorted(set(URL_KWARGS) - set(ROWS)), "URL_KWARGS for names without a row"


def test_each_row_covers_the_methods_of_its_kind():
    for name, methods in ROWS.items():
        expected = API_METHODS if is_api(name) else PAGE_METHODS
        assert tuple(methods) == expected, f"{name}: methods {tuple(methods)}, expected {expected}"


# --- The admin: its generated per-model patterns, by rule -----------------------------------------------------------
#
# Django's admin lets in active staff only: a visitor and every persona without is_staff (all but the coordinator)
# is sent to the admin's login page (cell L) from every admin URL. A coordinator gets what CoordinatorPermissionBackend
# (portal/backends.py) grants: the portal's own areas, but adding, changing or deleting accounts is for superusers,
# and nothing of the third-party apps (groups, e-mail addresses, authenticators, tokens). On top of that a ModelAdmin
# may offer less to anyone (read-only records): what it offers a superuser is the most a coordinator may get.

ADMIN_KINDS = ("changelist", "add", "change", "delete", "history")
NON_STAFF = tuple(persona for persona in PERSONAS if persona not in ("visitor", "coordinator"))


def admin_models():
    from django.contrib import admin

    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def admin_pattern_names() -> set[str]:
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{kind}"
        for model, _ in admin_models()
        for kind in ADMIN_KINDS
    }


def coordinator_may(model, model_admin, action: str, obj) -> bool:
    """Whether the rules let a coordinator `action` (view, add, change, delete) `obj` in the admin."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from portal.backends import AREAS, SUPERUSER_ONLY

    def granted(action: str) -> bool:
        perm = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        return model._meta.app_label in AREAS and perm not in SUPERUSER_ONLY

    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_active=True, is_staff=True, is_superuser=True)
    offers = {
        "view": model_admin.has_view_permission(request, obj),
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_change_permission(request, obj),
        "delete": model_admin.has_delete_permission(request, obj),
    }
    if action == "view":  # the admin shows a record to whoever may view or change it
        return (offers["view"] and granted("view")) or (offers["change"] and granted("change"))
    return offers[action] and granted(action)


# Models of which the world holds no record are tried on a missing one: the admin asks for the permission, then
# sends back to its index ("->") saying the record does not exist.
MISSING_ID = {"UUIDField": "00000000-0000-0000-0000-000000000000"}

# (page, method) -> the action the admin asks permission for
ADMIN_REQUESTS = {
    ("changelist", "GET"): "view",
    ("add", "GET"): "add",
    ("add", "POST"): "add",
    ("change", "GET"): "view",
    ("change", "POST"): "change",
    ("delete", "GET"): "delete",
    ("delete", "POST"): "delete",
    ("history", "GET"): "view",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "model_admin"), admin_models(), ids=[model._meta.label for model, _ in admin_models()]
)
def test_the_admin_of_each_model_lets_in_the_coordinator_only_as_the_rules_say(world, model, model_admin):
    obj = model._default_manager.order_by("pk").first()
    object_id = obj.pk if obj is not None else MISSING_ID.get(model._meta.pk.get_internal_type(), 0)
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    url = {
        "changelist": reverse(f"{prefix}_changelist"),
        "add": reverse(f"{prefix}_add"),
        "change": reverse(f"{prefix}_change", args=[object_id]),
        "delete": reverse(f"{prefix}_delete", args=[object_id]),
        "history": reverse(f"{prefix}_history", args=[object_id]),
    }
    wrong = []
    for (page, method), action in ADMIN_REQUESTS.items():
        for persona in ("visitor", "user", "coordinator"):
            if persona != "coordinator":
                expected = "L"
            elif obj is None and page == "history":
                expected = "->"  # the admin answers "no such record" before it asks for permission
            elif coordinator_may(model, model_admin, action, obj):
                expected = (
                    "->"
                    if obj is None and page != "changelist" and page != "add"
                    else "ok"
                    if method == "POST"
                    else "200"
                )
            else:
                expected = "403"
            actual = outcome(send(client_as(world, persona), method, url[page], {}))
            if not matches(expected, actual):
                wrong.append(f"{method} {page} as {persona}: expected {expected}, got {actual}")
    # The unnamed pattern <app>/<model>/<id>/ only redirects to the change page (to the login page for outsiders)
    for persona, expected in (("visitor", "L"), ("user", "L"), ("coordinator", "->")):
        actual = outcome(send(client_as(world, persona), "GET", f"{url['changelist']}{object_id}/", {}))
        if not matches(expected, actual):
            wrong.append(f"GET <id>/ as {persona}: expected {expected}, got {actual}")
    assert not wrong, f"{model._meta.label} ({url['changelist']}): " + "; ".join(wrong)


@pytest.mark.django_db
def test_every_persona_but_the_coordinator_is_non_staff_to_the_admin(world):
    """The admin rule above tries one non-staff persona on every model; the others are the same to the admin."""
    assert [persona for persona in NON_STAFF if getattr(world, persona).is_staff] == []
    assert world.coordinator.is_staff and not world.coordinator.is_superuser
    # ... and the admin's catch-all answers outsiders with its login page, staff with 404
    cells = [outcome(send(client_as(world, persona), "GET", "/admin/no-such-page/", {})) for persona in PERSONAS]
    assert cells == ["L"] * 7 + ["404"]


# --- Private files are not under the public media URL ---------------------------------------------------------------


@pytest.mark.django_db
def test_private_files_are_not_served_under_the_public_media_url(world):
    """Evidence, certificate PDFs and benchmark report PDFs live in private storage and leave only through the
    views above; their storage names under /media/ (where logos are served) give 404 to everyone."""
    report_pdf = world.report.pdf.name
    certificate = world.label.certificate.revisions.get(revision=1).file.name
    names = {"evidence": world.document.file.name, "certificate": certificate, "report": report_pdf}
    assert all(names.values()), names
    wrong = []
    for kind, name in names.items():
        for persona in PERSONAS:
            actual = outcome(send(client_as(world, persona), "GET", reverse("public-media", args=[name]), {}))
            if actual != "404":
                wrong.append(f"{kind} ({name}) as {persona}: {actual}")
    assert not wrong, wrong


@pytest.mark.django_db
def test_members_only_events_and_announcements_stay_out_of_public_lists_and_feeds(world):
    """A 200 on a public list says nothing of what it lists: the members-only event and announcement are in no
    page or feed a visitor or a non-member gets, and in the members' own."""
    public = ["club:home", "club:event_list", "club:event_feed", "club:announcement_list", "api-club-event-list"]
    titles = (world.event.title, world.announcement.title)
    leaks = []
    for name in public:
        for persona in ("visitor", "user", "manager_a"):
            body = send(client_as(world, persona), "GET", reverse(name), {}).content.decode()
            leaks += [f"{title!r} in {name} as {persona}" for title in titles if title in body]
    assert not leaks, leaks
    member_view = send(client_as(world, "member"), "GET", reverse("club:event_list"), {}).content.decode()
    assert world.event.title in member_view


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/directory/", "/knowledge/", "/benchmarking/", "/surveys/"])
def test_read_only_pages_answer_head_for_monitors_and_refuse_post(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
