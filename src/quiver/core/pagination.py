"""Page-number pagination: absolute next/previous links for the API, the query string of page links for pages."""

from urllib.parse import urlencode

MAX_PAGE_SIZE = 100


def query_without_page(request) -> str:
    """The request's query string without `page`, for a page's own page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def page_links(request, page: int, page_size: int, count: int) -> tuple[str | None, str | None]:
    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"], params["page_size"] = str(number), str(page_size)
        return request.build_absolute_uri(f"{request.path}?{urlencode(list(params.lists()), doseq=True)}")

    next_link = link(page + 1) if page * page_size < count else None
    previous_link = link(page - 1) if page > 1 else None
    return next_link, previous_link


def paginate(request, queryset, page: int, page_size: int) -> dict:
    count = queryset.count()
    start = (page - 1) * page_size
    items = list(queryset[start : start + page_size])
    next_link, previous_link = page_links(request, page, page_size, count)
    return {"count": count, "next": next_link, "previous": previous_link, "items": items}
