from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kozkincs.projects"
    verbose_name = _("Joint project ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kozkincs.catalog.demo.extensions import register_demo_loader
        from kozkincs.projects.demo import load_projects_demo

        # After the network's loader (its app comes first): the ideas need its actors.
        register_demo_loader(load_projects_demo)
