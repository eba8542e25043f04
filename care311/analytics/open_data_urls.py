"""The public open-data files and their data dictionary, under /open-data/."""

app_name = "open_data"
urlpatterns: list = []
