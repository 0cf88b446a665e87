"""Django's admin (``admin_site.studio_admin``), included at ``/studio/admin/`` by the
project's URLs (by name: nothing below the back office imports it)."""

from backoffice.admin_site import studio_admin

app_name = "admin"
urlpatterns = studio_admin.get_urls()
