from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "techbridge.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Cooperation cases"

    def ready(self) -> None:
        # plan-target metrics and platform-derived indicators for cases and agreements
        from techbridge.cases import metrics

        metrics.register()
