"""What the site results page posts: one box per figure ("v:<field>") and the site's version."""

from __future__ import annotations

from django import forms

from antq.reporting.reports.forms import FiguresForm


class SiteResultsForm(FiguresForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
