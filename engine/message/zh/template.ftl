# template
# 协会数据模板（`cogov template`）、读取填好的模板，以及台账政策（ledgers.ron）。

## 命令行
cli-about-template = 生成协会填写的数据模板（Excel 工作簿）
cli-long-about-template = 一个工作簿包含一个协会一个评估期的全部数据：基本信息、各项数据、工作台账、会员名录、信用事件和投诉台账，下拉列表取自政策。填好后用 `cogov eval 文件.xlsx` 评估。
cli-help-template-sector = 按哪个行业规则包生成（默认：基础政策）
cli-help-template-output = 写入的工作簿（默认：当前文件夹中的 协会数据模板.xlsx）
cli-help-template-force = 文件已存在时替换它
template-default-file = 协会数据模板.xlsx
template-written = 已写入数据模板 { $file }（{ $sector }：{ $facts } 项数据、{ $kinds } 类证据）
template-exists = 文件 `{ $file }` 已存在，未覆盖：它可能是已填写的模板；要替换请加 `--force`，或用 `-o` 指定其他文件
template-not-xlsx = 数据模板须写入 `.xlsx` 文件，而不是 `{ $file }`
template-cannot-make = 无法生成数据模板：{ $error }
template-sector-base = 基础政策

## 工作表
template-sheet-instructions = 填写说明
template-sheet-profile = 基本信息
template-sheet-facts = 指标数据
template-sheet-evidence = 工作台账
template-sheet-members = 会员名录
template-sheet-events = 信用事件
template-sheet-complaints = 投诉台账

## 表头
template-col-item = 项目
template-col-value = 填写内容
template-col-notes = 说明
template-col-id = 编号
template-col-fact-name = 名称
template-col-kind = 类型
template-col-range = 取值范围
template-col-indicators = 用于指标
template-col-fact-value = 填写值
template-col-indicator = 指标
template-col-date = 日期
template-col-title = 标题
template-col-file = 文件或链接
template-col-valid-until = 有效期至
template-col-received = 受理日期
template-col-closed = 办结日期
template-col-verified = 是否核实
template-col-member = 涉及会员
template-col-complaint-notes = 投诉内容

## 基本信息
template-profile-name = 协会名称
template-profile-sector = 所属行业
template-profile-credit-code = 统一社会信用代码
template-profile-period = 评估期
template-profile-start = 开始日期
template-profile-end = 结束日期
template-note-name = 在登记管理机关登记的名称
template-note-sector = { $name }：由模板预填，请勿修改（换用其他行业时请重新生成模板）
template-note-sector-base = 基础政策（不套用行业规则包）：由模板预填，请勿修改
template-note-credit-code = 协会的 18 位统一社会信用代码
template-note-period = 评估期的名称，如 2024
template-note-start = 评估期的第一天，如 2024-01-01
template-note-end = 评估期的最后一天，如 2024-12-31

## 填写说明
template-title = 行业质量共治评估数据模板（{ $sector }）
template-intro = 由 cogov { $version } 按政策（摘要 { $digest }）生成，供协会填写一个评估期的数据。
template-rules = 填写要求
template-rule-names = 1. 请勿更改工作表名称和各表第一行的表头；可以增加行，整行为空的行不读取。
template-rule-rows = 2. 每行一条记录：工作台账每份证据一行，会员名录每家会员一行，信用事件每件一行，投诉台账每件投诉一行。
template-rule-dates = 3. 日期填 Excel 日期，或写作 { $forms }。
template-rule-lists = 4. 指标、证据类型、信用事件类型和级别可从下拉列表选择（列表见本表右侧），也可填写编号；“是/否”栏填“是”或“否”。
template-rule-given = 5. “指标数据”中灰色的数据项由会员名录或投诉台账统计，相应工作表有记录时不要填写；不清楚的数据留空，评估时计为“未报告”。
template-rule-run = 6. 填好后运行 `cogov eval 本文件.xlsx`；发现的每个问题都会指明工作表、行和列。
template-sheets-heading = 各工作表
template-about-profile = 协会名称、所属行业（已预填，请勿修改）、统一社会信用代码和评估期。
template-about-facts = 每项数据一行，写明类型、取值范围和用于哪些指标；在“填写值”列填写。
template-about-evidence = 证据（工作台账）：制度、规划、会议、培训、宣传、服务案例等，每份一行，归入计分的指标。
template-about-members = 会员企业，每家一行；表头与导入的会员名录表格相同。
template-about-events = 会员的信用事件：监督抽查、行政处罚、荣誉、认证、承诺等，每件一行。
template-about-complaints = 受理的消费投诉，每件一行：在 { $limit }内办结的计为按时办结；核实的投诉计为所涉会员的信用事件。
template-no-limit = 政策规定的时限
template-list-indicators = 下拉选项：指标
template-list-evidence-kinds = 下拉选项：证据类型
template-list-event-kinds = 下拉选项：信用事件类型
template-list-levels = 下拉选项：级别
template-list-yes-no = 下拉选项：是/否
template-list-on-time = 下拉选项：按时办结

## 指标数据
template-kind-yes-no = 是/否
template-kind-count = 数量
template-kind-rate = 比例
template-kind-amount = 数值
template-range-yes-no = 是 或 否
template-range-count = 不小于 0 的整数
template-range-rate = 0 到 1（可写作百分数，如 93%）
template-range-amount = 不小于 0 的数
template-fed = { $indicators }
template-given-members = 由会员名录和信用事件统计：会员名录有记录时不要填写
template-given-ledger = 由{ $ledger }统计：{ $ledger }有记录时不要填写

## 输入提示
template-hint-fact-value = 取值范围：{ $range }。不清楚的留空（计为“未报告”）。
template-hint-indicator = 证据计分的指标：从列表选择，或填写指标编号（如 C1）
template-hint-evidence-kind = 证据类型：从列表选择，或填写类型编号；须是所填指标计入的类型
template-hint-evidence-date = 文件或活动的日期，须在评估期内
template-hint-valid-until = 长期有效的文件（如三年规划）有效期的最后一天；可留空
template-hint-evidence-id = 证据编号，不得重复，如 E001
template-hint-title = 文件或活动的名称
template-hint-file = 文件名或链接，便于查阅（不计分）
template-hint-archive-updated = 该会员信用档案最近一次更新（评价并记录信息）的日期
template-hint-applied = 已对该会员落实的措施，多项用顿号分隔：{ $actions }
template-hint-code = 会员的 18 位统一社会信用代码
template-hint-member-name = 会员企业的登记名称
template-hint-event-kind = 信用事件类型：从列表选择，或填写类型编号
template-hint-level = 级别：监督抽查不合格、荣誉和主导制修订标准须填写
template-hint-on-time = 投诉是否在时限内办结
template-hint-event-date = 事件的日期，不得晚于评估期的最后一天
template-hint-event-id = 事件编号，不得重复
template-hint-event-code = 所涉会员的统一社会信用代码（须在会员名录中）
template-hint-event-company = 所涉会员的名称（未填信用代码时按名称在会员名录中查找）
template-hint-product = 所涉产品（监督抽查须填写）
template-hint-items = 不合格项目及其类别，如 { $example }
template-items-example = 吸水率{ $open }A类{ $close }{ $separator }破坏强度{ $open }B类{ $close }
template-hint-detail = 补充说明（可留空）
template-hint-received = 受理投诉的日期，须在评估期内
template-hint-closed = 办结的日期，未办结的留空；时限为 { $limit }
template-hint-verified = 投诉经核实的填“是”
template-hint-complaint-member = 所涉会员的统一社会信用代码；核实的投诉计为该会员的信用事件
template-hint-complaint-id = 投诉编号，不得重复
template-hint-complaint-notes = 投诉的内容（可留空）
template-error-date = 请填写日期，如 2024-03-15

## 读取填好的模板
template-sheet-unknown = 不是数据模板的工作表
template-sheets = 数据模板的工作表：{ $sheets }
template-sheet-twice = 与工作表 `{ $first }` 是同一张表，请只保留一张
template-no-profile = 工作簿中没有“{ $sheet }”工作表，不是协会数据模板
template-no-profile-help = 可用 `cogov template` 生成数据模板；会员名录、抽查结果等表格请放在协会数据文件之后
template-sector-empty = 所属行业为空：请填写生成模板时的行业（基础政策为 `base`）
template-profile-unknown = `{ $label }` 不是基本信息的项目
template-profile-labels = 基本信息的项目：{ $labels }
template-profile-twice = “{ $label }”填写了两次
template-profile-missing = 缺少“{ $label }”一行
template-header-unknown = `{ $header }` 不是“{ $sheet }”的表头
template-headers = 此表的表头：{ $headers }
template-header-twice = `{ $header }` 列出现了两次，请只保留一列
template-header-missing = 缺少“{ $header }”列
template-not-yes-no = `{ $text }` 应为“{ $yes }”或“{ $no }”
template-not-a-number = `{ $text }` 不是数字
template-fact-range = { $name }的取值范围：{ $range }
template-fact-twice = 数据项 { $name }（{ $id }）已在第 { $first } 行填写
template-fact-from-members = { $name }（{ $id }）由会员名录和信用事件统计，会员名录有记录时请清空此单元格
template-fact-from-ledger = { $name }（{ $id }）由{ $ledger }统计，{ $ledger }有记录时请清空此单元格
template-kind-unknown = `{ $written }` 不是证据类型
template-kind-ambiguous = 有多个证据类型名为 `{ $written }`
template-kind-ids = 请改填类型编号：{ $ids }
template-valid-until-before = 有效期至 { $until }，早于证据的日期 { $date }
template-complaint-outside-period = 受理日期 { $date } 不在评估期 { $start } 至 { $end } 内
template-complaint-closed-before = 办结日期 { $closed } 早于受理日期 { $received }
template-complaint-twice = 投诉编号 `{ $id }` 已在第 { $first } 行使用
template-complaint-needs-roster = 核实的投诉所涉会员 `{ $code }` 要计入信用档案，需要会员名录：请在“{ $roster }”工作表中填写会员
template-no-complaint-ledger = 政策中没有投诉台账（policies/base/ledgers.ron），这些投诉无从统计

## 台账政策（ledgers.ron）
ledger-time-limit = 时限应为 1 至 { $max } 天，实际为 { $found }
ledger-fact-unknown = 目录中没有数据项 `{ $fact }`
ledger-fact-not-count = 数据项 { $name }（{ $fact }）不是数量，台账只统计数量
ledger-facts-same = 受理数和按时办结数不能是同一数据项 { $name }（{ $fact }）
ledger-kind-unknown = 信用政策中没有事件类型 `{ $kind }`
ledger-kind-unfit = 事件类型 { $name }（{ $kind }）按级别计分或须填写产品，不能由投诉台账生成
ledger-limit-days = { $n } 天
ledger-limit-working-days = { $n } 个工作日
ledger-overlay-no-base = 基础政策中没有 `ledgers.ron`，这一节无从扩展
ledger-overlay-no-base-help = 请先添加 policies/base/ledgers.ron
