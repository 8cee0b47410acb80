# workbook: `cogov eval --format xlsx`

workbook-needs-output = `--format xlsx` 需要用 `-o 文件.xlsx` 指定输出文件
workbook-cannot-make = 无法生成 Excel 工作簿：{ $error }
cli-help-eval-format = 输出格式（xlsx 需要 `-o`）

## Sheets
workbook-sheet-summary = 概况
workbook-sheet-indicators = 指标
workbook-sheet-criteria = 评分依据
workbook-sheet-actions = 改进措施
workbook-sheet-follow-ups = 跟进
workbook-sheet-members = 成员信用
workbook-sheet-warnings = 行业预警

## The summary
workbook-field = 项目
workbook-value = 内容
workbook-association = 协会
workbook-period-end = 期间截止日
workbook-sector = 行业
workbook-sector-base = 通用
workbook-policy-digest = 政策摘要
workbook-data-digest = 数据摘要
workbook-version = cogov 版本

## Columns
workbook-col-id = 编号
workbook-col-parent = 上级
workbook-col-share = 得分率
workbook-col-indicator = 指标编号
workbook-col-indicator-name = 指标名称
workbook-col-criterion = 评分细则
workbook-col-rule = 规则类型
workbook-col-reason = 评分依据
workbook-col-credit-score = 信用分
workbook-col-grade-id = 等级代码
workbook-col-grade-name = 等级名称
workbook-col-warnings = 成员预警
workbook-rule-kind = { $rule ->
    [evidence] 工作成果
    [fact] 是否事实
    [at_least] 达到数值
    [steps] 分档
   *[script] 评分脚本
}
