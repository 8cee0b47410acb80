# 政策消息目录（messages/*.ftl）的问题。
messages-syntax = 此处的 Fluent 消息写法有误
messages-syntax-help = 每条消息写成一行 `标识 = 句子`，值用 { "{" } $名称 { "}" } 填入；续行以空格开头
messages-missing = 缺少消息 `{ $id }`（评价时填入的值：{ $args }）
messages-bad-argument = 消息 `{ $id }` 用到了评价时不提供的值；可用的值：{ $args }
messages-unknown = 评价不使用消息 `{ $id }`：改写它不会改变任何报告
messages-unknown-help = 检查拼写；评价使用的消息有：{ $known }
trigger-fires-result = 触发条件 `{ $trigger }` 检查指标 { $indicator } 时，`fires` 必须返回 () 或一条理由
trigger-due-outside-calendar = 期限超出了日历范围
credit-level-unnamed = 事件类型 `{ $kind }` 的等级 `{ $level }` 没有名称
credit-level-unnamed-help = 在 credit.ron 的 `levels` 中为它写上中英文名称，例如 "{ $level }": (zh: "…", en: "…")
credit-warning-min-members = 行业预警 `{ $id }`（{ $name }）的 `min_members` 至少为 1
