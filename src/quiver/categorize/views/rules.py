"""Matching rules of tags and facet values (editors and admins): the list, one value's rule with a "test this
rule against text" preview, and the per-field thresholds (admins)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from quiver.accounts.decorators import allowed_if
from quiver.library import policy
from quiver.taxonomy.models import FacetField, FacetValue

from .. import matching, selectors, services
from ..forms import PolicyForm, RuleForm, RuleTestForm
from ..models import BulkRun, FieldPolicy, MatchingAlgorithm, MatchingRule
from ..models.field_policy import DEFAULT_AUTO_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD
from ..models.rules import TEXT_ALGORITHMS
from .common import REFUSALS, admins_only, reason
from .rows import TAGS

rule_editors = allowed_if(lambda user: policy.can_manage_matching_rules(user))
PER_PAGE = 50


def _rule_of(obj) -> MatchingRule | None:
    try:
        return obj.matching_rule
    except MatchingRule.DoesNotExist:
        return None


def _listing(user, field: str, q: str):
    if field == TAGS or not field:
        items = selectors.visible_tags(user).select_related("matching_rule").order_by("name")
    else:
        items = (
            FacetValue.objects.filter(field__slug=field)
            .select_related("field", "matching_rule")
            .order_by("position", "name")
        )
    if q:
        items = items.filter(name__icontains=q)
    return items


@rule_editors
@require_GET
def rule_list(request):
    fields = list(FacetField.objects.order_by("position", "name"))
    field = request.GET.get("field") or TAGS
    if field != TAGS and field not in {f.slug for f in fields}:
        field = TAGS
    q = (request.GET.get("q") or "").strip()[:100]
    page = Paginator(_listing(request.user, field, q), PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"obj": obj, "rule": _rule_of(obj), "is_tag": field == TAGS} for obj in page.object_list]
    runs = (
        BulkRun.objects.filter(started_by=request.user).order_by("-created_at")[:5]
        if not policy.is_admin(request.user)
        else BulkRun.objects.order_by("-created_at")[:5]
    )
    return render(
        request,
        "categorize/rules/list.html",
        {
            "fields": fields,
            "field": field,
            "q": q,
            "page": page,
            "rows": rows,
            "runs": list(runs),
            "is_admin": policy.is_admin(request.user),
        },
    )


def _edit(request, *, field: str, value: str, rule: MatchingRule | None, title: str, back: str):
    form = RuleForm(request.POST or None, instance=rule if rule else MatchingRule())
    if request.method == "POST" and request.POST.get("delete") and rule is not None:
        with transaction.atomic():
            services.delete_rule(request.user, rule)
        messages.success(request, f"The rule of “{value}” is removed: it is learned from the library again.")
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("algorithm", "pattern", "case_sensitive", "manual_only")}
        try:
            with transaction.atomic():
                if rule is None:
                    services.create_rule(request.user, field=field, value=value, **data)
                else:
                    services.update_rule(request.user, rule, **data)
        except REFUSALS as exc:
            form.add_error(None, ValidationError(reason(exc)))
        else:
            messages.success(request, f"Rule of “{value}” saved.")
            return redirect(request.path)
    return render(
        request,
        "categorize/rules/edit.html",
        {
            "form": form,
            "rule": rule,
            "value": value,
            "field": field,
            "title": title,
            "back": back,
            "test_form": RuleTestForm(),
            "algorithms": MatchingAlgorithm,
        },
        status=400 if form.errors else 200,
    )


@rule_editors
def rule_tag(request, pk):
    tag = selectors.visible_tags(request.user).filter(pk=pk).first()
    if tag is None:
        raise Http404("No such tag.")
    return _edit(
        request, field=TAGS, value=tag.name, rule=_rule_of(tag), title=f"Tag “{tag.name}”", back=f"?field={TAGS}"
    )


@rule_editors
def rule_value(request, pk):
    value = get_object_or_404(FacetValue.objects.select_related("field"), pk=pk)
    return _edit(
        request,
        field=value.field.slug,
        value=value.name,
        rule=_rule_of(value),
        title=f"{value.field.name}: “{value.name}”",
        back=f"?field={value.field.slug}",
    )


@rule_editors
@require_POST
def rule_test(request):
    """Run an (unsaved) rule over a text: does it match, how confidently, on which words."""
    form = RuleTestForm(request.POST)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        rule = MatchingRule(
            algorithm=data["algorithm"], pattern=data["pattern"] or "", case_sensitive=data["case_sensitive"]
        )
        if data["algorithm"] in TEXT_ALGORITHMS:
            found = matching.match(rule, matching.capped([(None, data["text"])]))
            result = {
                "matched": bool(found),
                "percent": round(100 * found.confidence) if found else 0,
                "evidence": found.evidence if found else [],
            }
        else:
            result = {"not_text": True}
    template = "categorize/rules/test_result.html" if request.htmx else "categorize/rules/test_page.html"
    return render(request, template, {"form": form, "result": result}, status=200 if result or request.htmx else 400)


def _policy_rows():
    fields = [(TAGS, "Tags")] + list(FacetField.objects.order_by("position", "name").values_list("slug", "name"))
    stored = {p.field: p for p in FieldPolicy.objects.all()}
    rows = []
    for slug, name in fields:
        row = stored.get(slug)
        auto = row.auto_threshold if row else DEFAULT_AUTO_THRESHOLD
        suggest = row.suggest_threshold if row else DEFAULT_SUGGEST_THRESHOLD
        rows.append({"slug": slug, "name": name, "auto": round(auto * 100), "suggest": round(suggest * 100)})
    return rows


@admins_only
def policies(request):
    """Per-field thresholds, in percent: at or above `auto` a value is applied automatically, at or above
    `suggest` it waits in the review queue."""
    rows = _policy_rows()
    errors = {}
    if request.method == "POST":
        changed = 0
        with transaction.atomic():
            for row in rows:
                if f"{row['slug']}-auto" not in request.POST and f"{row['slug']}-suggest" not in request.POST:
                    continue  # a field not in the form keeps its thresholds
                form = PolicyForm(request.POST, prefix=row["slug"])
                if not form.is_valid():
                    errors[row["slug"]] = "; ".join(e for errs in form.errors.values() for e in errs)
                    continue
                auto, suggest = form.cleaned_data["auto"], form.cleaned_data["suggest"]
                if (auto, suggest) == (row["auto"], row["suggest"]):
                    continue
                try:
                    services.set_policy(
                        request.user, row["slug"], auto_threshold=auto / 100, suggest_threshold=suggest / 100
                    )
                    changed += 1
                except REFUSALS as exc:
                    errors[row["slug"]] = reason(exc)
            if errors:
                transaction.set_rollback(True)
        if not errors:
            messages.success(request, f"Thresholds saved ({changed} field{'s' if changed != 1 else ''} changed).")
            return redirect("categorize:policies")
        for row in rows:
            row["auto"] = request.POST.get(f"{row['slug']}-auto", row["auto"])
            row["suggest"] = request.POST.get(f"{row['slug']}-suggest", row["suggest"])
    for row in rows:
        row["error"] = errors.get(row["slug"], "")
    return render(request, "categorize/rules/policies.html", {"rows": rows}, status=400 if errors else 200)
