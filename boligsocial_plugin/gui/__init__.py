# SPDX-License-Identifier: GPL-2.0-or-later
"""Dock panel and dialogs."""
