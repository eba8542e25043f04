"""Knowledge articles residents and agents read, and the searches that led to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from care311.catalog.models import ServiceType


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class Article(models.Model):
    """One answer in one language; `slug` is shared by an article's translations."""

    slug = models.SlugField(max_length=120)
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True, help_text="One line shown in lists.")
    body = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    category = models.CharField(max_length=100)
    keywords = models.CharField(max_length=500, blank=True)
    services = models.ManyToManyField(ServiceType, blank=True, related_name="articles")
    review_at = models.DateField(null=True, blank=True, help_text="When to check it again.")
    published = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language", "category", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="article_slug_language")
        ]
        indexes = [models.Index(fields=["language", "published", "category"], name="article_list")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Outcome(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    SATISFIED = "satisfied", _("Found an answer")
    FILED = "filed", _("Filed a request")
    GAVE_UP = "gave_up", _("Gave up")


class SearchRecord(models.Model):
    """One search of the knowledge base and what the resident did next: the deflection measure.

    Holds the words searched and counts, never who searched.
    """

    query = models.CharField(max_length=200)
    language = models.CharField(max_length=5, choices=Language.choices)
    result_count = models.PositiveIntegerField()
    searched_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_at = models.DateTimeField(null=True, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request = models.ForeignKey(
        "service_requests.ServiceRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-searched_at"]
        indexes = [models.Index(fields=["outcome", "searched_at"], name="search_outcome")]

    def __str__(self) -> str:
        return f"{self.query!r} -> {self.outcome}"
