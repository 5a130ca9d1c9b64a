from django.conf import settings

PLATFORM_NAME = "Thân Thiện"


def platform(request):
    """Values every page needs: the product name and whether we are in debug mode."""
    return {"PLATFORM_NAME": PLATFORM_NAME, "DEBUG": settings.DEBUG}
