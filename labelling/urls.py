app_name = "labelling"

urlpatterns: list = []
