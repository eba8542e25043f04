from django.contrib import admin

from care311.knowledge.models import Article, SearchRecord


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "language", "category", "published", "review_at", "updated_at")
    list_filter = ("language", "published", "category")
    search_fields = ("title", "slug", "keywords", "body")
    autocomplete_fields = ("services",)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(SearchRecord)
class SearchRecordAdmin(admin.ModelAdmin):
    list_display = ("query", "language", "result_count", "outcome", "searched_at")
    list_filter = ("outcome", "language")
    search_fields = ("query",)
    readonly_fields = [field.name for field in SearchRecord._meta.fields]

    def has_add_permission(self, request) -> bool:
        # Searches come from residents, never typed in by staff.
        return False
