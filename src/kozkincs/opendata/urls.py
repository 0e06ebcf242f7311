"""Machine-readable endpoints outside the language prefixes (``/opendata/…``, ``/oai``)."""

app_name = "opendata"

urlpatterns: list = []
