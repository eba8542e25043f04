"""The knowledge base for residents: search, read an article, say whether it answered."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from care311.knowledge import deflection
from care311.knowledge.models import Article
from care311.knowledge.search import published, related, search

SESSION_SEARCH = "knowledge_search"


def current_language() -> str:
    return (get_language() or "en").split("-")[0]


def pending_search(request: HttpRequest) -> int | None:
    """The id of this browser's latest search of the knowledge base, if any."""
    value = request.session.get(SESSION_SEARCH)
    return value if isinstance(value, int) else None


@require_safe
def help_center(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    language = current_language()
    context: dict = {"query": query}

    if query:
        result = search(query, language)
        record = deflection.record_search(query, language, len(result.articles))
        request.session[SESSION_SEARCH] = record.pk
        context |= {"articles": result.articles, "suggestion": result.suggestion}
    else:
        context["topics"] = _topics(language)

    return render(request, "knowledge/help.html", context)


def _topics(language: str) -> list[tuple[str, list[Article]]]:
    topics: dict[str, list[Article]] = {}
    for article in published(language).only("slug", "title", "summary", "category"):
        topics.setdefault(article.category, []).append(article)
    return sorted(topics.items())


@require_safe
def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = current_language()
    article = published(language).filter(slug=slug).first()
    if article is None:
        # Not translated yet: the English text, marked with its own language.
        article = published("en").filter(slug=slug).first()
    if article is None:
        raise Http404("no such article")

    return render(
        request,
        "knowledge/article.html",
        {
            "article": article,
            "related": related(article),
            "services": list(article.services.filter(hidden=False, active=True)),
            "answered": request.GET.get("answered", ""),
        },
    )


@require_POST
def article_answered(request: HttpRequest, slug: str) -> HttpResponse:
    article = (
        published(current_language()).filter(slug=slug).first()
        or published("en").filter(slug=slug).first()
    )
    if article is None:
        raise Http404("no such article")

    if request.POST.get("answered") == "yes":
        deflection.record_answered(pending_search(request), article)
        request.session.pop(SESSION_SEARCH, None)
        return HttpResponseRedirect(reverse("knowledge:article", args=[slug]) + "?answered=yes")
    return HttpResponseRedirect(reverse("knowledge:article", args=[slug]) + "?answered=no")
