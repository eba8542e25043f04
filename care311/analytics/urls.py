"""Staff analytics pages, under /analytics/."""

app_name = "analytics"
urlpatterns: list = []
