# import
# 表格导入：位置（工作表、行、列）。
import-at-sheet = 工作表 `{ $sheet }`：{ $message }
import-at-sheet-row = 工作表 `{ $sheet }` { $row }：{ $message }
import-at-sheet-row-column = 工作表 `{ $sheet }` { $row } { $column }：{ $message }
import-at-row = { $row }：{ $message }
import-at-row-column = { $row } { $column }：{ $message }
import-row = 第 { $n } 行
import-row-serial = 第 { $n } 行（序号 { $serial }）
import-column-header = `{ $header }` 列
import-column-letter = { $letter } 列
# 读取表格文件。
import-cannot-read = 无法读取文件：{ $error }
import-xls = 无法读取 Excel 97–2003 工作簿（`.xls`）
import-xls-help = 请用 Excel 或 WPS 打开，另存为 `.xlsx` 或 CSV
import-not-a-table = 表格必须是 `.csv` 文件或 Excel `.xlsx` 工作簿
import-not-text = 文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本
import-not-text-help = 请重新另存为 CSV（UTF-8）
import-csv-file-too-large = 文件长 { $size } 字节；一个 CSV 表格最多 2 GiB
import-csv-too-large = 文件的文本有 { $size } 字节；一个 CSV 表格最多 2 GiB
import-csv-too-large-help = 请把表格拆成几个各不超过 2 GiB 的文件，一并给出
import-not-a-workbook = 无法作为 Excel 工作簿读取：{ $error }
import-sheet-unreadable = 无法读取：{ $error }
import-workbook-empty = 工作簿中没有任何有内容的工作表
import-no-shapes = 无法导入表格：政策中未声明任何表格格式
import-no-shapes-help = 请添加 `{ $path }`（随附的政策中有此文件）
import-events-need-roster = 这些信用事件需要会员名录：请提供{ $roster }表格，或在协会数据文件中写 `members: [...]`
# 表头。
import-shape-headers = { $shape }（{ $headers }）
import-unknown-shape = 无法识别此表格的内容：没有一行含有以下任一表格的表头：{ $shapes }
import-unknown-shape-help = { $seen }；各表头的写法见 import.ron
import-table-empty = 表格为空
import-first-row = 首个非空行为 { $cells }
import-row-above-header = 此行位于表头行（第 { $header } 行）之上，但不是标题行
import-row-above-header-help = 标题行只有一个单元格；请把此行移到表头下方，或删除此行
import-value-without-header = 此处有值，但该列没有表头
import-value-without-header-help = 请为该列加上表头，或清空该列的单元格
import-column-twice = `{ $header }` 和 `{ $first }` 都是 `{ $field }` 列，请只保留一列
import-unknown-header = `{ $header }` 不是{ $shape }的表头
import-unknown-header-help = 如不需要此列，请在 import.ron 的 `ignore` 中加入 `{ $header }`；如需要，请把它加到 `columns` 中它所对应的字段下
import-near-or = { $near }否则，{ $add }
import-needs-column = { $shape }须有 `{ $header }` 列
import-accepted-headers = 此列可用的表头：{ $headers }
import-no-date-source = { $shape }的各行没有日期可取：{ $sources }
import-no-date-source-help = 日期的来源见 import.ron 的 `date_from`：日期列（{ $headers }）、标题中的日期（如“……监督抽查结果（2024年6月18日）”）或 `--notice-date YYYY-MM-DD`
import-title-dates = 标题行中有两个不同的日期：{ $first } 和 { $second }，无法确定哪个是通报的日期
import-title-dates-help = 请在标题中只保留通报日期，或用 `--notice-date YYYY-MM-DD` 给出
import-needs-member-column = { $n ->
    [1] { $shape }须有 { $headers } 列，用以确定每行所涉的会员
   *[other] { $shape }须有 { $headers } 中的一列，用以确定每行所涉的会员
}
# 数据行。
import-cell-empty = 单元格为空
import-code-invalid = `{ $code }` 无效：{ $why }
import-code-name-mismatch = `{ $code_header }` `{ $code }` 在会员名录中是 `{ $name }`，但此处为 `{ $company }`
import-company-ambiguous = `{ $company }` 对应会员名录中的 { $n } 个会员（{ $codes }）；请填写 `{ $code_header }`
import-company-unknown = `{ $company }` 不在会员名录中
import-names-exact = 名称须与会员名录完全一致；{ $suggestion }
import-no-member = 此行未指明会员：`{ $header }` 为空
import-no-member-two = 此行未指明会员：`{ $first }` 和 `{ $second }` 均为空
import-not-a-date = `{ $text }` 不是日期
import-date-forms = 请按以下格式填写日期：{ $forms }
import-item-no-class = `{ $item }` 未注明类别
import-item-no-name = `{ $item }` 在类别前没有项目名称
import-item-class-unknown = `{ $item }` 的类别 `{ $class }` 未在导入政策中定义
import-items-help = 每个项目须注明类别，如 `吸水率（A类）`；类别：{ $classes }
import-no-date = 此行没有日期：{ $sources }
import-date-from-column = 日期单元格为空
import-date-from-title = 标题中没有日期
import-date-from-notice = 未给出 `--notice-date`
import-items-brackets = `{ $cell }` 中的括号不成对，无法分出各个项目
import-items-dictionary-help = 请为项目注明类别，如 `吸水率（A类）`（类别：{ $classes }），或把它加入 import.ron 的项目词典 `items.dictionary`
import-left-out = { $firms ->
    [1] { $n } 行未计入任何会员：企业 { $names } 不在会员名录中
   *[other] { $n } 行未计入任何会员：以下 { $firms } 家企业不在会员名录中：{ $names }
}
import-left-out-help = import.ron 中的 `unlisted: Report` 略去名录以外企业的行；其中如有会员，请核对其名称或统一社会信用代码
import-word-unexpected = { $n ->
    [1] 单元格内容为 `{ $word }`，应为 { $words }
   *[other] 单元格内容为 `{ $word }`，应为 { $words } 之一
}
import-verdict-needs-items = `{ $header }` 为 `{ $word }`，但此单元格为空：请列出不合格项目及其类别
import-verdict-lists-items = `{ $header }` 为 `{ $word }`，但此单元格列有 `{ $cell }`
import-level-none = 单元格内容为 `{ $written }`，但{ $kind }没有级别
import-level-unknown = `{ $written }` 不是{ $kind }的级别
import-level-help = 请填写以下之一：{ $levels }
import-kind-unknown = `{ $written }` 不是信用政策中的事件类型
import-action-unknown = `{ $written }` 不是信用政策中的奖惩措施
