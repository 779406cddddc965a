from django.contrib import admin

from gamsa.core.board.models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "audience_all", "published_at", "withdrawn_at")
    list_filter = ("category", "audience_all")
    search_fields = ("title",)
    readonly_fields = ("published_by", "published_at", "source_type", "source_id")
