#pragma once

#include <QLoggingCategory>

// Category of the notification pipeline: recipients, routing, texts and the dispatcher.
Q_DECLARE_LOGGING_CATEGORY(lcNotify)
