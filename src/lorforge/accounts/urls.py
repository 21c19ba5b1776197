from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm, PasswordResetForm

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(form_class=PasswordResetForm), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/profile/", views.profile, name="profile"),
    path("settings/season/", views.season, name="season"),
    path("settings/notifications/", views.notifications, name="notifications"),
    path("settings/kept-words/remove/", views.kept_word_remove, name="kept_word_remove"),
    path("settings/export/", views.export_data, name="export_data"),
    path("settings/import/", views.import_data, name="import_data"),
    path("settings/delete/", views.delete_account, name="delete_account"),
]
