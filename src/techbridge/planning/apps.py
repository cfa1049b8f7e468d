from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "techbridge.planning"
    label = "planning"
    verbose_name = "Planning and exchange"
