app_name = "club"

urlpatterns: list = []
