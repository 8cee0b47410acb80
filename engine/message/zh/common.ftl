# 通用消息。
raw = { $text }
problems-found = 发现 { $n } 个问题
warnings-found = { $n } 个警告
