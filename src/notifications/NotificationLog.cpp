#include "notifications/NotificationLog.h"

Q_LOGGING_CATEGORY(lcNotify, "gcn.notify")
