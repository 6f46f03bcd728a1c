"""Install the till's UI translation (Polish) on the application.

The UI's source strings are English; `resources/translations/pos_till_pl.ts` holds the
Polish ones (refresh it with `scripts/update_translations.sh`). Setup compiles it into
`pos_till_pl.qm` next to it; this module only loads the compiled file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
"""Where the till's .ts files and the compiled .qm files live."""

TILL_CATALOGUE = "pos_till"
"""File name stem of the till's catalogues: pos_till_<language>.qm."""

QT_CATALOGUE = "qtbase"
"""Qt's own catalogue (standard buttons such as Yes/No/Cancel, file dialogs)."""

SUPPORTED_LANGUAGES = ("en", "pl")
"""English is the source language: it needs no translation."""


def install_translation(
    app: QCoreApplication,
    language: str,
    translations_dir: Path = TRANSLATIONS_DIR,
) -> QTranslator | None:
    """Install the UI translation for `language` ("pl" or "en") on `app`.

    For "pl": sets the default locale to Polish (Poland), installs Qt's own `qtbase_pl`
    translation when Qt ships one, and installs `pos_till_pl.qm`. Returns the till's
    translator (the caller keeps the reference), or None when there is nothing to
    install: "en", an unknown language, or a missing/unreadable .qm (the till then
    shows English; compiling the .qm is the setup script's job). Both translators are
    parented to `app`, so they live as long as the application does.
    """
    if language == "en":
        return None
    if language != "pl":
        logger.warning("No translation for language %r; the till shows English", language)
        return None

    QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
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
    QCoreApplication.installTranslator(translator)
    return translator
