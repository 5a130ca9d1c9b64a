from django.conf import settings


def platform(request):
    """Values every page needs: the product name and whether we are in debug mode."""
    return {"PLATFORM_NAME": "Thân Thiện", "DEBUG": settings.DEBUG}
