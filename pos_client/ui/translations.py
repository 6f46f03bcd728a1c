"""The till's languages: install the UI translation, and show messages in the chosen language.

The UI's source strings are English; `resources/translations/pos_till_pl.ts` holds the
Polish ones (refresh it with `scripts/update_translations.sh`). Setup compiles it into
`pos_till_pl.qm` next to it; this module only loads the compiled file.

The language can change while the till runs: `install_translation` replaces the translators
it installed before, and Qt then sends every widget a LanguageChange event (the windows that
stay open rebuild their texts on it). Errors raised below the UI carry a `Message` (see
`pos_client.domain.messages`); `error_text` translates it and formats its arguments through
`ui/formatting.py`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pos_client.domain.messages import Argument, Message, Template, TillError
from pos_client.domain.money import Money
from pos_client.domain.quantity import Measure, Quantity
from pos_client.ui import formatting

logger = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
"""Where the till's .ts files and the compiled .qm files live."""

TILL_CATALOGUE = "pos_till"
"""File name stem of the till's catalogues: pos_till_<language>.qm."""

QT_CATALOGUE = "qtbase"
"""Qt's own catalogue (standard buttons such as Yes/No/Cancel, file dialogs)."""

SUPPORTED_LANGUAGES = ("en", "pl")
"""English is the source language: it needs no translation."""

_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "pl": QLocale(QLocale.Language.Polish, QLocale.Country.Poland),
}
_INSTALLED = "posTillTranslator"
"""The object name of the translators this module installs (so a change of language can
remove them)."""


def install_translation(
    app: QCoreApplication,
    language: str,
    translations_dir: Path = TRANSLATIONS_DIR,
) -> QTranslator | None:
    """Make `language` ("pl" or "en") the language of the till's screens, replacing the
    translators this function installed before (so it also switches a running till).

    Sets the default locale (Polish (Poland) or English (United Kingdom); money and dates are
    formatted by it). For "pl" it installs Qt's own `qtbase_pl` translation when Qt ships one,
    then `pos_till_pl.qm`. Returns the till's translator (parented to `app`), or None when
    there is nothing to install: "en", an unknown language, or a missing/unreadable .qm (the
    till then shows English; compiling the .qm is the setup script's job).
    """
    if language not in SUPPORTED_LANGUAGES:
        logger.warning("No translation for language %r; the till shows English", language)
        language = "en"
    QLocale.setDefault(_LOCALES[language])
    for installed in app.findChildren(QTranslator, _INSTALLED):
        QCoreApplication.removeTranslator(installed)
        installed.setParent(None)  # no longer a child to find; Python frees it
    if language == "en":
        return None
    _install_qt_translation(app, language)

    qm_file = translations_dir / f"{TILL_CATALOGUE}_{language}.qm"
    if not qm_file.is_file():
        logger.warning(
            "Translation %s is missing (run scripts/setup.sh to compile it); "
            "the till shows English",
            qm_file,
        )
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_file)):
        logger.warning("Could not load translation %s; the till shows English", qm_file)
        translator.deleteLater()
        return None
    translator.setObjectName(_INSTALLED)
    QCoreApplication.installTranslator(translator)
    logger.info("Installed translation %s", qm_file)
    return translator


def _install_qt_translation(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install Qt's own catalogue for `language` when Qt ships one; None otherwise."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(f"{QT_CATALOGUE}_{language}", qt_dir):
        logger.info("Qt has no %s translation in %s", language, qt_dir)
        translator.deleteLater()
        return None
    translator.setObjectName(_INSTALLED)
    QCoreApplication.installTranslator(translator)
    return translator


def current_language() -> str:
    """ "pl" or "en": the language the screens speak now."""
    return "pl" if formatting.is_polish() else "en"


def translated(template: Template) -> str:
    """A marked template in the chosen language (the English source when untranslated)."""
    return QCoreApplication.translate(template.context, template.source)


def argument_text(argument: Argument) -> str:
    """A message's argument as the chosen language writes it."""
    if isinstance(argument, Message):
        return message_text(argument)
    if isinstance(argument, Money):
        return formatting.money(argument)
    if isinstance(argument, Quantity | Measure):
        return formatting.quantity(argument)
    if isinstance(argument, datetime):
        return formatting.date_time(argument)
    return str(argument)


def message_text(message: Message) -> str:
    """The message in the chosen language, its arguments formatted for it."""
    return message.render(translated, argument_text)


def error_text(error: BaseException) -> str:
    """What the screen says about a refusal: a TillError's message in the chosen language;
    any other error's own text."""
    if isinstance(error, TillError):
        return message_text(error.message)
    return str(error)
