from ninja import NinjaAPI

api = NinjaAPI(title="Quiver API", version="1", urls_namespace="api")
