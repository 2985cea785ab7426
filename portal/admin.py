from functools import wraps

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from portal import roles
from portal.mfa import mfa_active_since, mfa_required_for
from portal.models import AssessorProfile, AuditEvent, TaskRun, User
from portal.signup import validate_person_name


def _signs_in_through_the_portal(login_view):
    """The admin's login page sends visitors to the portal's (allauth) login: one way in, with its rate limits and
    the second factor of staff (portal/mfa.py). Signed-in people get the admin's own page (sent on if staff)."""

    @wraps(login_view)
    def login(request, extra_context=None):
        if not request.user.is_authenticated:
            next_url = request.GET.get("next") or reverse("admin:index", current_app=admin.site.name)
            return redirect_to_login(next_url)
        return login_view(request, extra_context)

    return login


admin.site.login = _signs_in_through_the_portal(admin.site.login)


class TokenForm(forms.ModelForm):
    """A token is not made for someone whose role needs a second factor they have not set up: it would be refused."""

    class Meta:
        model = TokenProxy
        fields = ("user",)

    def clean_user(self):
        user = self.cleaned_data["user"]
        if mfa_required_for(user) and mfa_active_since(user) is None:
            raise ValidationError(
                _(
                    "%(name)s has no two-factor authentication, which their role requires, so the API would refuse "
                    "this token. They set it up first (Account, Two-factor authentication); then create the token."
                ),
                params={"name": user.public_name},
            )
        return user


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class PortalTokenAdmin(TokenAdmin):
    """DRF's token admin, held to the two-factor policy (portal/mfa.py)."""

    form = TokenForm


class UserAddForm(AdminUserCreationForm):
    """An account made in the admin has a name, as one made by signing up (others never see the address)."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "display_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True

    def clean_display_name(self) -> str:
        return validate_person_name(self.cleaned_data.get("display_name", ""))


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "last_login", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name",)}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),)
    add_form = UserAddForm


@admin.register(AssessorProfile)
class AssessorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "home_country", "languages", "accredited_from", "accredited_until"]
    list_filter = ["home_country", "accredited_until"]
    search_fields = ["user__email", "user__display_name", "languages", "expertise"]
    autocomplete_fields = ["user"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: coordinators read it, nobody edits it."""

    list_display = ["created_at", "action", "actor", "target_repr", "target_type"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["action", "target_repr", "target_id", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    readonly_fields = ["created_at", "actor", "action", "target_type", "target_id", "target_repr", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)


@admin.register(TaskRun)
class TaskRunAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "current", "total", "message", "started_by", "created_at", "finished_at"]
    list_filter = ["state", "name"]
    readonly_fields = [f.name for f in TaskRun._meta.fields]

    def has_add_permission(self, request):
        return False
