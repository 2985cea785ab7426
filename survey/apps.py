from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.navigation import NavItem


class SurveyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "survey"

    def ready(self) -> None:
        from survey import dashboard, seed, selectors  # in ready(): they import models

        registry.training_needs.provide("most_needed_training_topics", selectors.most_needed_training_topics)
        registry.dashboard_panels.add(dashboard.panels, key="survey")
        registry.main_links.add(NavItem(_("Surveys"), "survey:list"), key="survey:list")
        registry.urls.add(registry.AreaUrls("surveys/", "survey.urls", "survey.api_urls"), key="survey")
        registry.seed(seed.seed, order=40)
