from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse_lazy

from .. import selectors, services


@login_required
def my_account(request):
    user = request.user
    return render(
        request,
        "accounts/my_account.html",
        {"groups": user.groups.order_by("name"), "tokens": selectors.tokens_of(user)[:10]},
    )


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:me")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.record_password_change(self.request.user, actor=self.request.user)
        messages.success(self.request, "Password changed.")
        return response
