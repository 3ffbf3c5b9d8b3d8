from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Asset


@login_required
def home(request):
    return HttpResponse("Quiver")


@login_required
def asset_detail(request, pk):
    asset = get_object_or_404(Asset.objects.visible_to(request.user), pk=pk)
    return HttpResponse(asset.title)
