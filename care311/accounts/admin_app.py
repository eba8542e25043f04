"""django.contrib.admin's app, with the staff admin site (admin_site.py) as the site."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "care311.accounts.admin_site.StaffAdminSite"
