"""Sign-up with e-mail verification, login by e-mail, password reset, and MFA required for staff and assessors."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from portal.models import User
from tests.factories import PASSWORD, AssessorProfileFactory, CoordinatorFactory, UserFactory
from tests.portal.test_mfa_policy import set_up_totp, totp_code

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_verification_mail_and_blocks_login_until_verified(client):
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "New Person",
            "email": "New.Person@Example.org",
            "password1": "a-long-enough-pass",
            "password2": "a-long-enough-pass",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(1)

    client.logout()
    response = client.post("/accounts/login/", {"login": "new.person@example.org", "password": "a-long-enough-pass"})
    assert (
        response.status_code == 302
        and "confirm-email" in response["Location"]
        or "verification" in response["Location"]
    )

    client.post(link)
    assert EmailAddress.objects.get(user=user).verified


def test_login_is_by_e_mail_address(client):
    UserFactory(email="manager@example.org")
    response = client.post("/accounts/login/", {"login": "manager@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_login_with_a_wrong_password_says_so(client):
    UserFactory(email="manager@example.org")
    response = client.post("/accounts/login/", {"login": "manager@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.text


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    UserFactory(email="known@example.org")
    known = client.post("/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "unknown@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert any("known@example.org" in m.to for m in mail.outbox)


def test_login_attempts_are_rate_limited(client):
    UserFactory(email="target@example.org")
    statuses = [
        client.post("/accounts/login/", {"login": "target@example.org", "password": "wrong"}).status_code
        for _ in range(8)
    ]
    last = client.post("/accounts/login/", {"login": "target@example.org", "password": "wrong"})
    assert statuses[0] == 200
    assert last.status_code == 429 or "Too many failed login attempts" in last.text


@pytest.fixture
def mfa_required(settings):
    settings.PORTAL_REQUIRE_MFA_FOR_PRIVILEGED = True


def test_coordinators_are_sent_to_set_up_mfa_first(client, mfa_required):
    client.force_login(CoordinatorFactory())
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_assessors_are_sent_to_set_up_mfa_first(client, mfa_required):
    client.force_login(AssessorProfileFactory().user)
    assert client.get("/dashboard/")["Location"] == "/accounts/2fa/totp/activate/"


def test_managers_are_not_forced_to_use_mfa(client, mfa_required, manager_a):
    client.force_login(manager_a)
    assert client.get("/dashboard/").status_code == 200


def test_staff_with_totp_pass_through_once_this_session_used_it(client, mfa_required):
    coordinator = CoordinatorFactory()
    secret = set_up_totp(coordinator)
    cache.clear()  # the failed logins above count against this address's codes too
    client.force_login(coordinator)  # a password alone (tests/portal/test_mfa_policy.py walks every way in)
    assert client.get("/dashboard/")["Location"] == "/accounts/2fa/reauthenticate/?next=/dashboard/"
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(secret)})
    assert client.get("/dashboard/").status_code == 200


def test_mfa_is_not_forced_when_the_setting_is_off(client, settings):
    settings.PORTAL_REQUIRE_MFA_FOR_PRIVILEGED = False
    client.force_login(CoordinatorFactory())
    assert client.get("/dashboard/").status_code == 200
