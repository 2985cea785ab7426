"""The two-factor policy holds on every way of signing in (issue 13, point 6).

Staff, superusers and assessors must have a second factor and have used it: for a session, in that session; for an
API token, the token must be created after the factor was set up. A table walks every way of signing in (allauth's
login, the admin's login, a password reset that signs in, code that logs someone in, the API's session and token)
as a privileged person without a second factor, one with it, and an ordinary user.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings

from portal.api_auth import EnforcesMFAPolicy
from portal.mfa import mfa_required_for
from tests.factories import PASSWORD, AssessorProfileFactory, CoordinatorFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# What a person signed in may reach: pages, the admin, their own data, the API's private and public data.
PAGES = ["/dashboard/", "/admin/", "/account/", "/account/export/", "/directory/", "/labels/"]
API = ["/api/v1/assessments/", "/api/v1/labels/", "/api/v1/directory/organisations/", "/api/schema/?format=json"]


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.PORTAL_REQUIRE_MFA_FOR_PRIVILEGED = True
    cache.clear()  # allauth's rate limits (failed logins per address) and used codes live in the cache


def set_up_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


# --- People ---------------------------------------------------------------------------------------------------------

PRIVILEGED = {
    "coordinator": lambda: CoordinatorFactory(),
    "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    "assessor": lambda: AssessorProfileFactory().user,
}


def ordinary():
    return MembershipFactory().user


# --- Ways of signing in: each returns a client signed in as far as the person can get ----------------------------


def _finish_with_second_factor(client: Client, response, secret: str | None) -> None:
    """allauth asks a person with a second factor for a code before it signs them in."""
    if response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/"):
        assert secret, "allauth asked for a code of a person without a second factor"
        client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})


def allauth_login(user, secret) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    _finish_with_second_factor(client, response, secret)
    return client


def admin_login(user, secret) -> Client:
    client = Client()
    # The admin's own form no longer signs anyone in: posting a password there leaves one signed out...
    client.post("/admin/login/?next=/admin/", {"username": user.email, "password": PASSWORD, "next": "/admin/"})
    assert "_auth_user_id" not in client.session
    # ... it sends to the portal's login, which asks for the second factor
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    assert login_url.startswith("/accounts/login/")
    response = client.post(login_url, {"login": user.email, "password": PASSWORD})
    _finish_with_second_factor(client, response, secret)
    return client


def password_reset_login(user, secret, settings=None) -> Client:
    client = Client()
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    set_password_url = client.get(link)["Location"]
    response = client.post(set_password_url, {"password1": PASSWORD, "password2": PASSWORD})
    _finish_with_second_factor(client, response, secret)
    return client


def logged_in_by_code(user, secret) -> Client:
    """Any code that signs someone in without allauth (a 'log in as', a script): the session is held all the same."""
    client = Client()
    client.force_login(user)
    return client


def token_client(user, secret) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


SESSION_WAYS = {
    "allauth login": allauth_login,
    "admin login": admin_login,
    "password reset login": password_reset_login,
    "logged in by code": logged_in_by_code,
}


@pytest.fixture
def login_on_password_reset(settings):
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = True


def _reached(client: Client, urls: list[str]) -> dict[str, int]:
    return {url: client.get(url).status_code for url in urls}


def _assert_refused_with_the_reason(response) -> None:
    assert response.status_code == 403
    assert re.match(r"application/(vnd\.oai\.openapi\+)?json", response["Content-Type"])  # the schema's JSON too
    body = response.json()
    assert body["detail"].startswith("Two-factor authentication is required for staff and assessor accounts")
    assert body["code"] in {"mfa_not_set_up", "mfa_not_used", "token_predates_mfa"}
    assert body["url"].startswith("http")


# --- The table ------------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("login_on_password_reset")
@pytest.mark.parametrize("way", SESSION_WAYS)
@pytest.mark.parametrize("kind", PRIVILEGED)
def test_a_privileged_session_without_a_second_factor_reaches_no_data(way, kind):
    user = PRIVILEGED[kind]()
    client = SESSION_WAYS[way](user, None)
    reached = _reached(client, PAGES)
    assert all(status == 302 for status in reached.values()), reached
    assert client.get("/dashboard/")["Location"] == "/accounts/2fa/totp/activate/"
    for url in API:
        _assert_refused_with_the_reason(client.get(url))
    assert client.get("/api/v1/labels/").json()["code"] == "mfa_not_set_up"


@pytest.mark.usefixtures("login_on_password_reset")
@pytest.mark.parametrize("way", SESSION_WAYS)
@pytest.mark.parametrize("kind", PRIVILEGED)
def test_a_privileged_session_that_used_its_second_factor_reaches_its_data(way, kind):
    user = PRIVILEGED[kind]()
    secret = set_up_totp(user)
    client = SESSION_WAYS[way](user, secret)
    if way == "logged in by code":  # signed in without the factor: asked for it first, then let in
        assert client.get("/dashboard/")["Location"] == "/accounts/2fa/reauthenticate/?next=/dashboard/"
        assert client.get("/api/v1/assessments/").json()["code"] == "mfa_not_used"
        client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(secret)})
    assert _reached(client, ["/dashboard/", "/account/", "/api/v1/assessments/", "/api/v1/labels/"]) == {
        "/dashboard/": 200,
        "/account/": 200,
        "/api/v1/assessments/": 200,
        "/api/v1/labels/": 200,
    }
    if user.is_staff:
        assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("login_on_password_reset")
@pytest.mark.parametrize("way", SESSION_WAYS)
def test_an_ordinary_session_is_not_asked_for_a_second_factor(way):
    client = SESSION_WAYS[way](ordinary(), None)
    assert _reached(client, ["/dashboard/", "/account/", "/api/v1/assessments/", "/api/v1/labels/"]) == {
        "/dashboard/": 200,
        "/account/": 200,
        "/api/v1/assessments/": 200,
        "/api/v1/labels/": 200,
    }


@pytest.mark.parametrize("kind", PRIVILEGED)
def test_a_privileged_token_without_a_second_factor_is_refused_with_the_reason(kind):
    client = token_client(PRIVILEGED[kind](), None)
    for url in API:
        response = client.get(url)
        _assert_refused_with_the_reason(response)
        assert "/accounts/2fa/totp/activate/" in response.json()["detail"]
    # ... writes too: refused before the view looks at the request
    _assert_refused_with_the_reason(client.put("/api/v1/assessments/1/answers/X/", {}, content_type="application/json"))


@pytest.mark.parametrize("kind", PRIVILEGED)
def test_a_privileged_token_created_after_the_second_factor_works(kind):
    user = PRIVILEGED[kind]()
    set_up_totp(user)
    client = token_client(user, None)
    assert _reached(client, API) == dict.fromkeys(API, 200)


def test_an_ordinary_token_is_not_asked_for_a_second_factor():
    client = token_client(ordinary(), None)
    assert _reached(client, API) == dict.fromkeys(API, 200)


def test_a_token_created_before_the_second_factor_was_set_up_stays_refused():
    user = CoordinatorFactory()
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(created=token.created - timedelta(minutes=1))
    set_up_totp(user)
    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/labels/")
    _assert_refused_with_the_reason(response)
    assert response.json()["code"] == "token_predates_mfa"


def test_a_token_stops_working_when_the_second_factor_is_removed_and_set_up_again():
    user = CoordinatorFactory()
    set_up_totp(user)
    client = token_client(user, None)
    assert client.get("/api/v1/assessments/").status_code == 200
    Authenticator.objects.filter(user=user).delete()
    assert client.get("/api/v1/assessments/").json()["code"] == "mfa_not_set_up"
    TOTP.activate(user, generate_totp_secret())
    assert client.get("/api/v1/assessments/").json()["code"] == "token_predates_mfa"


def test_an_ordinary_persons_token_stops_working_when_they_become_privileged():
    user = ordinary()
    client = token_client(user, None)
    assert client.get("/api/v1/assessments/").status_code == 200
    AssessorProfileFactory(user=user)
    _assert_refused_with_the_reason(client.get("/api/v1/assessments/"))


def test_a_session_is_refused_once_its_person_becomes_privileged():
    user = ordinary()
    client = allauth_login(user, None)
    assert client.get("/dashboard/").status_code == 200
    user.is_staff = True
    user.save()
    assert client.get("/dashboard/")["Location"] == "/accounts/2fa/totp/activate/"


def test_a_session_is_refused_once_its_second_factor_is_removed():
    user = CoordinatorFactory()
    client = allauth_login(user, set_up_totp(user))
    assert client.get("/dashboard/").status_code == 200
    Authenticator.objects.filter(user=user).delete()
    assert client.get("/dashboard/")["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db(transaction=True)  # allauth announces the new factor once its transaction commits, in the view
def test_setting_up_the_second_factor_lets_the_session_in():
    user = CoordinatorFactory()
    client = allauth_login(user, None)
    assert client.get("/dashboard/")["Location"] == "/accounts/2fa/totp/activate/"
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # allauth asks for the password again first
    client.get("/accounts/2fa/totp/activate/")  # and keeps the secret it offers in the session
    secret = client.session["mfa.totp.secret"]
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get("/dashboard/").status_code == 200


def test_a_token_can_only_be_created_in_the_admin_by_a_session_that_used_its_second_factor():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    set_up_totp(superuser)
    client = logged_in_by_code(superuser, None)  # has a factor, did not use it in this session
    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": superuser.pk})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert not Token.objects.filter(user=superuser).exists()


def test_the_policy_is_off_when_the_setting_is(settings):
    settings.PORTAL_REQUIRE_MFA_FOR_PRIVILEGED = False
    user = CoordinatorFactory()
    assert not mfa_required_for(user)
    assert logged_in_by_code(user, None).get("/dashboard/").status_code == 200
    assert token_client(user, None).get("/api/v1/assessments/").status_code == 200


@pytest.mark.parametrize("kind", PRIVILEGED)
def test_staff_superusers_and_assessors_are_held_to_the_policy_and_others_not(kind):
    assert mfa_required_for(PRIVILEGED[kind]())
    assert not mfa_required_for(ordinary())
    assert not mfa_required_for(UserFactory())


def test_every_authentication_class_of_the_api_applies_the_policy():
    """The settings' classes, and any class an API view names for itself: none lets a privileged person in unchecked."""
    from django.urls import get_resolver
    from rest_framework.views import APIView

    classes = set(api_settings.DEFAULT_AUTHENTICATION_CLASSES)

    def walk(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern)
            else:
                view = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, APIView):
                    yield view

    for view in walk(get_resolver()):
        classes.update(view.authentication_classes)
    assert classes and all(issubclass(cls, EnforcesMFAPolicy) for cls in classes), classes


def test_the_admin_creates_no_token_for_a_privileged_person_without_a_second_factor():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = allauth_login(superuser, set_up_totp(superuser))
    without, with_factor = CoordinatorFactory(display_name="Ann Tokenless"), AssessorProfileFactory().user
    set_up_totp(with_factor)

    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": without.pk})
    assert response.status_code == 200
    assert "Ann Tokenless has no two-factor authentication" in response.text
    assert not Token.objects.filter(user=without).exists()

    assert client.post("/admin/authtoken/tokenproxy/add/", {"user": with_factor.pk}).status_code == 302
    token = Token.objects.get(user=with_factor)
    assert Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/assessments/").status_code == 200


def test_a_token_made_with_the_management_command_is_held_to_the_policy_too():
    from django.core.management import call_command

    without, with_factor = CoordinatorFactory(), CoordinatorFactory()
    set_up_totp(with_factor)
    for user in (without, with_factor):
        call_command("drf_create_token", user.email, stdout=open("/dev/null", "w"))  # noqa: SIM115
    refused = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=without).key}").get("/api/v1/labels/")
    _assert_refused_with_the_reason(refused)
    accepted = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=with_factor).key}").get("/api/v1/labels/")
    assert accepted.status_code == 200


def test_signing_up_and_being_signed_in_on_confirmation_is_not_asked_for_a_second_factor():
    client = Client()
    client.post(
        "/accounts/signup/",
        {"display_name": "New Person", "email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    client.post(link)  # signs in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION)
    assert _reached(client, ["/dashboard/", "/api/v1/assessments/"]) == {
        "/dashboard/": 200,
        "/api/v1/assessments/": 200,
    }
