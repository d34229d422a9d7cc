<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Previous candidate or entity</source>
        <translation type="vanished">上一个候选或实体</translation>
    </message>
    <message>
        <source>Accept the candidate</source>
        <translation type="vanished">接受候选</translation>
    </message>
    <message>
        <source>Reject the candidate / delete the entity</source>
        <translation type="vanished">拒绝候选 / 删除实体</translation>
    </message>
    <message>
        <source>Label all occurrences…</source>
        <translation type="vanished">标注所有出现位置…</translation>
    </message>
    <message>
        <source>Cancel: drop the focus, selection or relation</source>
        <translation type="vanished">取消：放弃当前焦点、选区或关系</translation>
    </message>
    <message>
        <source>Move the end left</source>
        <translation type="vanished">结束位置左移</translation>
    </message>
    <message>
        <source>Move the end right</source>
        <translation type="vanished">结束位置右移</translation>
    </message>
    <message>
        <source>Move the start left</source>
        <translation type="vanished">起始位置左移</translation>
    </message>
    <message>
        <source>Move the start right</source>
        <translation type="vanished">起始位置右移</translation>
    </message>
    <message>
        <source>Start a relation (Tab to the tail, then a number)</source>
        <translation type="vanished">开始建立关系（Tab 移到尾实体，再按数字）</translation>
    </message>
    <message>
        <source>Document labels (topic)…</source>
        <translation type="vanished">文档标签（主题）…</translation>
    </message>
    <message>
        <source>Mark done and open the next unfinished</source>
        <translation type="vanished">标记完成并打开下一篇未完成的文档</translation>
    </message>
    <message>
        <source>Skip with a reason…</source>
        <translation type="vanished">跳过并注明原因…</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation type="vanished">下一篇文档</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation type="vanished">上一篇文档</translation>
    </message>
    <message>
        <source>Split the article at the cursor</source>
        <translation type="vanished">在光标处拆分文章</translation>
    </message>
    <message>
        <source>Merge with the next article</source>
        <translation type="vanished">与下一篇文章合并</translation>
    </message>
    <message>
        <source>Move the selection to the previous article</source>
        <translation type="vanished">将选中文字移到上一篇文章</translation>
    </message>
    <message>
        <source>Move the selection to the next article</source>
        <translation type="vanished">将选中文字移到下一篇文章</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="vanished">撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="vanished">重做</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="vanished">导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="vanished">导出…</translation>
    </message>
    <message>
        <source>Find in this document…</source>
        <translation type="vanished">在本文档中查找…</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation type="vanished">搜索全部文档</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="vanished">放大文字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation type="vanished">缩小文字</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation type="vanished">默认文字大小</translation>
    </message>
    <message>
        <source>Show label names</source>
        <translation type="vanished">显示标签名称</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="vanished">键盘快捷键</translation>
    </message>
    <message>
        <source>Boundaries</source>
        <translation type="vanished">边界</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation type="vanished">关系</translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="vanished">文档</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="vanished">编辑</translation>
    </message>
    <message>
        <source>View</source>
        <translation type="vanished">视图</translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="vanished">项目</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="vanished">文件(&amp;F)</translation>
    </message>
    <message>
        <source>Switch annotator…</source>
        <translation type="vanished">切换标注员…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation type="vanished">打开日志文件夹</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="vanished">退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="vanished">编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation type="vanished">文档(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation type="vanished">标注(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="vanished">视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation type="vanished">项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="vanished">帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation type="vanished">标注规范</translation>
    </message>
    <message>
        <source>Label schema…</source>
        <translation type="vanished">标签体系…</translation>
    </message>
    <message>
        <source>Dashboard…</source>
        <translation type="vanished">仪表盘…</translation>
    </message>
    <message>
        <source>OCR text too broken to annotate</source>
        <translation type="vanished">OCR 文字错乱，无法标注</translation>
    </message>
    <message>
        <source>duplicate of another document</source>
        <translation type="vanished">与另一篇文档重复</translation>
    </message>
    <message>
        <source>wrongly split or merged article</source>
        <translation type="vanished">文章拆分或合并有误</translation>
    </message>
    <message>
        <source>unsure: needs a second opinion</source>
        <translation type="vanished">拿不准：需要他人复核</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="vanished">接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="vanished">拒绝</translation>
    </message>
    <message>
        <source>Start a relation from here</source>
        <translation type="vanished">从这里开始建立关系</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">删除</translation>
    </message>
    <message>
        <source>Label as</source>
        <translation type="vanished">标注为</translation>
    </message>
    <message>
        <source>Relation from “%1” (%2): Tab to the tail entity or click it · Esc cancels</source>
        <translation type="vanished">从“%1”（%2）开始建立关系：按 Tab 或单击选择尾实体 · Esc 取消</translation>
    </message>
    <message>
        <source>No relation type goes from %1 to %2 · Tab to another entity · Esc cancels</source>
        <translation type="vanished">没有从 %1 到 %2 的关系类型 · 按 Tab 换一个实体 · Esc 取消</translation>
    </message>
    <message>
        <source> (exists)</source>
        <translation type="vanished">（已存在）</translation>
    </message>
    <message>
        <source>“%1” → “%2”:   %3   · Esc cancels</source>
        <translation type="vanished">“%1” → “%2”：  %3  · Esc 取消</translation>
    </message>
    <message>
        <source>Candidate %1 “%2” · %3 · score %4</source>
        <translation type="vanished">候选 %1“%2” · %3 · 得分 %4</translation>
    </message>
    <message>
        <source>%1 “%2” · by %3</source>
        <translation type="vanished">%1“%2” · 标注员 %3</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Next candidate or entity</source>
        <translation>下一个候选或实体</translation>
    </message>
    <message>
        <source>Previous candidate or entity</source>
        <translation>上一个候选或实体</translation>
    </message>
    <message>
        <source>Accept the candidate</source>
        <translation type="vanished">接受候选</translation>
    </message>
    <message>
        <source>Reject the candidate / delete the entity</source>
        <translation>拒绝候选 / 删除实体</translation>
    </message>
    <message>
        <source>Label all occurrences…</source>
        <translation>标注所有出现位置…</translation>
    </message>
    <message>
        <source>Cancel: drop the focus, selection or relation</source>
        <translation>取消：放弃当前焦点、选区或关系</translation>
    </message>
    <message>
        <source>Move the end left</source>
        <translation>结束位置左移</translation>
    </message>
    <message>
        <source>Move the end right</source>
        <translation>结束位置右移</translation>
    </message>
    <message>
        <source>Move the start left</source>
        <translation>起始位置左移</translation>
    </message>
    <message>
        <source>Move the start right</source>
        <translation>起始位置右移</translation>
    </message>
    <message>
        <source>Start a relation (Tab to the tail, then a number)</source>
        <translation>开始建立关系（Tab 移到尾实体，再按数字）</translation>
    </message>
    <message>
        <source>Document labels (topic)…</source>
        <translation>文档标签（主题）…</translation>
    </message>
    <message>
        <source>Mark done and open the next unfinished</source>
        <translation>标记完成并打开下一篇未完成的文档</translation>
    </message>
    <message>
        <source>Skip with a reason…</source>
        <translation>跳过并注明原因…</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>下一篇文档</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>上一篇文档</translation>
    </message>
    <message>
        <source>Split the article at the cursor</source>
        <translation>在光标处拆分文章</translation>
    </message>
    <message>
        <source>Merge with the next article</source>
        <translation>与下一篇文章合并</translation>
    </message>
    <message>
        <source>Move the selection to the previous article</source>
        <translation>将选中文字移到上一篇文章</translation>
    </message>
    <message>
        <source>Move the selection to the next article</source>
        <translation>将选中文字移到下一篇文章</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Find in this document…</source>
        <translation>在本文档中查找…</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>搜索全部文档</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>默认文字大小</translation>
    </message>
    <message>
        <source>Show label names</source>
        <translation>显示标签名称</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Boundaries</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Accept the candidate, then go to the next candidate</source>
        <translation>接受候选，并转到下一个候选</translation>
    </message>
</context>
<context>
    <name>AdjudicationView</name>
    <message>
        <source>next / previous disagreement</source>
        <translation>下一处／上一处分歧</translation>
    </message>
    <message>
        <source>take that annotator&apos;s spans here</source>
        <translation>此处采用该标注员的片段</translation>
    </message>
    <message>
        <source>take everyone&apos;s spans here</source>
        <translation>此处采用所有人的片段</translation>
    </message>
    <message>
        <source>take none here</source>
        <translation>此处不采用任何片段</translation>
    </message>
    <message>
        <source>take that annotator&apos;s whole version</source>
        <translation>采用该标注员的整个版本</translation>
    </message>
    <message>
        <source>union of all versions</source>
        <translation>所有版本的并集</translation>
    </message>
    <message>
        <source>only what all agree on</source>
        <translation>只保留所有人一致的部分</translation>
    </message>
    <message>
        <source>edit the gold in the main window</source>
        <translation>在主窗口中编辑金标准</translation>
    </message>
    <message>
        <source>accept the gold and open the next document</source>
        <translation>接受金标准并打开下一篇</translation>
    </message>
    <message>
        <source>undo / redo</source>
        <translation>撤销／重做</translation>
    </message>
    <message>
        <source>No document waits for adjudication.</source>
        <translation>没有等待裁定的文档。</translation>
    </message>
    <message>
        <source>adjudicated by %1 (%2)</source>
        <translation>已由 %1 裁定（%2）</translation>
    </message>
    <message>
        <source>waiting for adjudication</source>
        <translation>等待裁定</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金标准</translation>
    </message>
    <message>
        <source>The gold and every version agree.</source>
        <translation>金标准与所有版本一致。</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>金标准</translation>
    </message>
    <message>
        <source>Disagreement %1 of %2</source>
        <translation>第 %1 处分歧，共 %2 处</translation>
    </message>
    <message>
        <source>Take none at %1</source>
        <translation>在 %1 处不采用任何片段</translation>
    </message>
    <message>
        <source>Take everyone&apos;s spans at %1</source>
        <translation>在 %1 处采用所有人的片段</translation>
    </message>
    <message>
        <source>Take %2&apos;s spans at %1</source>
        <translation>在 %1 处采用 %2 的片段</translation>
    </message>
    <message>
        <source>Take the union of all versions</source>
        <translation>采用所有版本的并集</translation>
    </message>
    <message>
        <source>Take what all agree on</source>
        <translation>采用所有人一致的部分</translation>
    </message>
    <message>
        <source>Take %1&apos;s version</source>
        <translation>采用 %1 的版本</translation>
    </message>
    <message>
        <source>Accept the gold of %1</source>
        <translation>接受 %1 的金标准</translation>
    </message>
    <message>
        <source>Every document is adjudicated.</source>
        <translation>所有文档均已裁定。</translation>
    </message>
</context>
<context>
    <name>AdjudicationWindow</name>
    <message>
        <source>Adjudicate</source>
        <translation>裁定</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Exact F1</source>
        <translation>精确 F1</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>重叠 F1</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>片段数</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Relation F1</source>
        <translation>关系 F1</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen&apos;s kappa</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>Kappa</translation>
    </message>
    <message>
        <source>&lt;b&gt;By label&lt;/b&gt; (all pairs)</source>
        <translation>&lt;b&gt;按标签&lt;/b&gt;（所有标注员对）</translation>
    </message>
    <message>
        <source>&lt;b&gt;By pair of annotators&lt;/b&gt;</source>
        <translation>&lt;b&gt;按标注员对&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Least agreement first&lt;/b&gt; — click a document to adjudicate it</source>
        <translation>&lt;b&gt;一致度最低的在前&lt;/b&gt;——点击文档即可裁定</translation>
    </message>
    <message>
        <source>Could not compute agreement: %1</source>
        <translation>无法计算一致度：%1</translation>
    </message>
    <message>
        <source>No document has been annotated by two or more annotators yet. Assign documents with an overlap, pack, and merge the packages.</source>
        <translation>还没有由两名或更多标注员标注的文档。请按重叠比例分配文档、打包，再合并标注包。</translation>
    </message>
    <message>
        <source>%1 documents annotated by two or more of %2. Span F1: exact %3, overlapping %4; relation F1 %5. Character labels: Fleiss&apos; kappa %6, Krippendorff&apos;s alpha %7; unitizing alpha %8.</source>
        <translation>%1 篇文档由 %2 中的两人或更多人标注。片段 F1：精确 %3，重叠 %4；关系 F1 %5。字符标签：Fleiss&apos; kappa %6，Krippendorff&apos;s alpha %7；切分 alpha（uα）%8。</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>Agreement</source>
        <translation>标注一致度</translation>
    </message>
</context>
<context>
    <name>AnnotationLists</name>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Entities (%1)</source>
        <translation>实体（%1）</translation>
    </message>
    <message>
        <source>Relations (%1)</source>
        <translation>关系（%1）</translation>
    </message>
</context>
<context>
    <name>ArticleHeader</name>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>No document open</source>
        <translation>未打开文档</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>记者</translation>
    </message>
    <message>
        <source>Correspondent</source>
        <translation>通讯员</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>摄影</translation>
    </message>
    <message>
        <source>Also</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>news</source>
        <translation>新闻</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特写</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>图片新闻</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>pieces: %1</source>
        <translation>拼接段数：%1</translation>
    </message>
    <message>
        <source>length %1</source>
        <translation>长度 %1</translation>
    </message>
    <message>
        <source>… flags not shown: %1</source>
        <translation>… 另有 %1 条提示未显示</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待标注</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>%1: not set (D)</source>
        <translation>%1：未设置（D）</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign documents</source>
        <translation>分配文档</translation>
    </message>
    <message>
        <source>wang, li, zhao</source>
        <translation>wang, li, zhao</translation>
    </message>
    <message>
        <source>Also reassign documents that are assigned already</source>
        <translation>已分配的文档也重新分配</translation>
    </message>
    <message>
        <source>Annotators (comma-separated)</source>
        <translation>标注员（以逗号分隔）</translation>
    </message>
    <message>
        <source>Documents given to several annotators</source>
        <translation>分给多名标注员的文档比例</translation>
    </message>
    <message>
        <source>Annotators per shared document</source>
        <translation>每篇共享文档的标注员人数</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Unassign unfinished</source>
        <translation>取消未完成文档的分配</translation>
    </message>
    <message>
        <source>Write packages…</source>
        <translation>生成标注包…</translation>
    </message>
    <message>
        <source>Write one package per assigned annotator into a folder: a project file with their documents, the schema, the guidelines and the learned model. Send each annotator theirs; File ▸ Merge packages takes them back.</source>
        <translation>在一个文件夹中为每位已分配的标注员各生成一个标注包：其中有分给他的文档、标签体系、标注规范和学习到的模型。把标注包发给各位标注员；用“文件 ▸ 合并标注包”收回。</translation>
    </message>
    <message>
        <source>%1 unfinished documents are not assigned yet.</source>
        <translation>有 %1 篇未完成的文档尚未分配。</translation>
    </message>
    <message>
        <source>Assigned %1 documents, %2 of them to several annotators. Write each annotator&apos;s package with Write packages….</source>
        <translation>已分配 %1 篇文档，其中 %2 篇分给多名标注员。用“生成标注包…”为每位标注员生成标注包。</translation>
    </message>
    <message>
        <source>Folder for the packages</source>
        <translation>标注包保存到的文件夹</translation>
    </message>
    <message>
        <source>Writing the packages into %1…</source>
        <translation>正在把标注包写入 %1…</translation>
    </message>
    <message>
        <source>Replace packages?</source>
        <translation>替换标注包？</translation>
    </message>
    <message>
        <source>%1 already holds %2. Replace them? An annotator who already works in one of them would lose what is not merged yet.</source>
        <translation>%1 中已有 %2。要替换吗？已经在用其中某个标注包工作的标注员会失去尚未合并的标注。</translation>
    </message>
    <message>
        <source>Writing %1&apos;s package…</source>
        <translation>正在生成 %1 的标注包…</translation>
    </message>
    <message>
        <source>The packages were not all written: %1</source>
        <translation>标注包未能全部生成：%1</translation>
    </message>
    <message>
        <source>Wrote %1 packages into %2. Send each annotator theirs; they open it with File ▸ Open project…, and File ▸ Merge packages takes it back.</source>
        <translation>已在 %2 中生成 %1 个标注包。把标注包发给各位标注员，他们用“文件 ▸ 打开项目…”打开；用“文件 ▸ 合并标注包”收回。</translation>
    </message>
    <message>
        <source>%1: %2 documents</source>
        <translation>%1：%2 篇文档</translation>
    </message>
    <message>
        <source>Assigned %1 documents, %2 of them to several annotators. Write each annotator&apos;s package with: annotator pack --annotator NAME -o NAME.annotator</source>
        <translation type="vanished">已分配 %1 篇文档，其中 %2 篇分给多名标注员。用以下命令为每位标注员生成标注包：annotator pack --annotator NAME -o NAME.annotator</translation>
    </message>
</context>
<context>
    <name>ChoiceButton</name>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Project dashboard</source>
        <translation>项目仪表盘</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Done per day</source>
        <translation>日均完成</translation>
    </message>
    <message>
        <source>Documents by status</source>
        <translation>按状态统计文档</translation>
    </message>
    <message>
        <source>Documents done per day</source>
        <translation>每日完成文档数</translation>
    </message>
    <message>
        <source>Bars: net documents marked done that day. Line: documents done in all.</source>
        <translation>柱：当天净标记完成的文档数。线：累计完成的文档数。</translation>
    </message>
    <message>
        <source>No document was marked done in this period.</source>
        <translation>这段时间内没有文档被标记为完成。</translation>
    </message>
    <message>
        <source>Entities per day, by annotator</source>
        <translation>每日实体数（按标注员）</translation>
    </message>
    <message>
        <source>Entities added, less those deleted, each day.</source>
        <translation>每天新增的实体数减去删除的实体数。</translation>
    </message>
    <message>
        <source>No entities were added in this period.</source>
        <translation>这段时间内没有新增实体。</translation>
    </message>
    <message>
        <source>Entity labels</source>
        <translation>实体标签</translation>
    </message>
    <message>
        <source>The schema has no entity labels.</source>
        <translation>标签体系中没有实体标签。</translation>
    </message>
    <message>
        <source>Relation labels</source>
        <translation>关系标签</translation>
    </message>
    <message>
        <source>The schema has no relation labels.</source>
        <translation>标签体系中没有关系标签。</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>All time. Speed is entities per hour of reviewing.</source>
        <translation>全部时间。速度为每小时审阅标注的实体数。</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Documents done</source>
        <translation>完成文档</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>The suggester learning</source>
        <translation>建议模型的学习曲线</translation>
    </message>
    <message>
        <source>Cross-validated F1 against the number of reviewed documents the model learned from, overall and per label: each score is measured on reviewed documents the model did not learn from. One point per training; rings: the latest training on a quarter and a half of its documents.</source>
        <translation>交叉验证 F1 与模型学习过的已审阅文档数的关系，包括总体和各个标签：每个分数都是在模型没有学习过的已审阅文档上测得的。每次训练一个点；空心圆：最近一次训练只用四分之一和一半文档时的结果。</translation>
    </message>
    <message>
        <source>No model yet. The suggester learns from documents marked done: Project ▸ Train suggester now, or it retrains on its own as documents are finished.</source>
        <translation>还没有模型。建议模型从标记为完成的文档中学习：使用 项目 ▸ 立即训练建议模型，或在完成更多文档后由它自动重新训练。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Could not count: %1</source>
        <translation>无法统计：%1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>%1 to do · %2 in progress</source>
        <translation>%1 篇待标注 · %2 篇进行中</translation>
    </message>
    <message>
        <source>%1 done · %2 skipped</source>
        <translation>%1 篇已完成 · %2 篇已跳过</translation>
    </message>
    <message numerus="yes">
        <source>about %n days to finish</source>
        <translation>
            <numerusform>约 %n 天后完成</numerusform>
        </translation>
    </message>
    <message>
        <source>no documents done in this period</source>
        <translation>这段时间内没有完成的文档</translation>
    </message>
    <message>
        <source>nothing left to do</source>
        <translation>已全部完成</translation>
    </message>
    <message numerus="yes">
        <source>%n labels</source>
        <translation>
            <numerusform>%n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>Marked done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Done in all</source>
        <translation>累计完成</translation>
    </message>
    <message>
        <source>%1 (not in schema)</source>
        <translation>%1（不在标签体系中）</translation>
    </message>
    <message>
        <source>%1/h</source>
        <translation>%1/小时</translation>
    </message>
    <message>
        <source>Model version %1, trained %2 on %3 reviewed documents: F1 %4.</source>
        <translation>模型版本 %1，于 %2 用 %3 篇已审阅文档训练：F1 %4。</translation>
    </message>
    <message>
        <source>Learned from %1 documents (a share of the latest training&apos;s)</source>
        <translation>学习了 %1 篇文档（最近一次训练的一部分文档）</translation>
    </message>
    <message>
        <source>Learned from %1 documents (model version %2, %3 reviewed)</source>
        <translation>学习了 %1 篇文档（模型版本 %2，已审阅 %3 篇）</translation>
    </message>
    <message>
        <source>All labels: F1 %1</source>
        <translation>全部标签：F1 %1</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>documents learned from</source>
        <translation>学习过的文档数</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>最近 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Project dashboard</source>
        <translation>项目仪表盘</translation>
    </message>
</context>
<context>
    <name>DocumentDelegate</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 · unsure %2%</source>
        <translation>%1 · 不确定度 %2%</translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n 个实体</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n 个待审</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>ID: %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Suggester unsure: %1% (how likely it is to get a sentence wrong)</source>
        <translation>建议模型的不确定度：%1%（它把某个句子标错的可能性）</translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Search all documents</source>
        <translation>搜索全部文档</translation>
    </message>
    <message>
        <source>Titles and texts of every document. Separate words with spaces to find documents that contain all of them. Case and full-width letters do not matter.</source>
        <translation>搜索所有文档的标题和正文。用空格分隔多个词，可找出同时包含这些词的文档。不区分大小写和全角、半角字母。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Show only: %1</source>
        <translation>只显示：%1</translation>
    </message>
    <message>
        <source>%1 documents</source>
        <translation>%1 篇文档</translation>
    </message>
    <message>
        <source>%1 of %2 documents</source>
        <translation>%1 / %2 篇文档</translation>
    </message>
    <message>
        <source>indexing for search…</source>
        <translation>正在建立搜索索引…</translation>
    </message>
    <message>
        <source>Indexing for search: %1 of %2 documents…</source>
        <translation>正在建立搜索索引：%1 / %2 篇文档…</translation>
    </message>
    <message>
        <source>search index: %1</source>
        <translation>搜索索引：%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Copy document ID</source>
        <translation>复制文档编号</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>Relation from “%1” (%2): Tab to the tail entity or click it · Esc cancels</source>
        <translation type="vanished">从“%1”（%2）开始建立关系：按 Tab 或单击选择尾实体 · Esc 取消</translation>
    </message>
    <message>
        <source> (exists)</source>
        <translation type="vanished">（已存在）</translation>
    </message>
    <message>
        <source>“%1” → “%2”:   %3   · Esc cancels</source>
        <translation type="vanished">“%1” → “%2”：  %3  · Esc 取消</translation>
    </message>
    <message>
        <source>No relation type goes from %1 to %2 · Tab to another entity · Esc cancels</source>
        <translation type="vanished">没有从 %1 到 %2 的关系类型 · 按 Tab 换一个实体 · Esc 取消</translation>
    </message>
    <message>
        <source>The label schema has no document labels.</source>
        <translation>标签体系中没有文档标签。</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="vanished">接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="vanished">拒绝</translation>
    </message>
    <message>
        <source>Start a relation from here</source>
        <translation type="vanished">从这里开始建立关系</translation>
    </message>
    <message>
        <source>Label all occurrences…</source>
        <translation type="vanished">标注所有出现位置…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">删除</translation>
    </message>
    <message>
        <source>Label as</source>
        <translation type="vanished">标注为</translation>
    </message>
    <message>
        <source>Candidate %1 “%2” · %3 · score %4</source>
        <translation type="vanished">候选 %1“%2” · %3 · 得分 %4</translation>
    </message>
    <message>
        <source>%1 “%2” · by %3</source>
        <translation type="vanished">%1“%2” · 标注员 %3</translation>
    </message>
</context>
<context>
    <name>EntitiesModel</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>At</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>%1 %2–%3 · by %4 · %5</source>
        <translation>%1 %2–%3 · 标注员 %4 · %5</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Annotator hit an unexpected error. Your annotations up to now are saved.

The details are in the log file; please send it with a note of what you were doing.</source>
        <translation>Annotator 遇到了意外错误。到目前为止的标注都已保存。

详细信息记录在日志文件中；请把日志发给我们，并说明出错时正在做什么。</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Where to write the dataset</source>
        <translation>数据集的保存位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n documents shown in the document list</source>
        <translation>
            <numerusform>仅导出文档列表中显示的 %n 篇文档</numerusform>
        </translation>
    </message>
    <message>
        <source>Include candidates (not yet reviewed suggestions)</source>
        <translation>包含候选（尚未审阅的建议）</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字</translation>
    </message>
    <message>
        <source>jieba words</source>
        <translation>jieba 分词</translation>
    </message>
    <message>
        <source>Code points (Python, spaCy)</source>
        <translation>码位（Python、spaCy 的计法）</translation>
    </message>
    <message>
        <source>UTF-16 units (to annotate further in the web tool)</source>
        <translation>UTF-16 单元（用于在网页工具中继续标注）</translation>
    </message>
    <message>
        <source>Split into</source>
        <translation>划分为</translation>
    </message>
    <message>
        <source>seed (optional)</source>
        <translation>种子（可选）</translation>
    </message>
    <message>
        <source>The same document always lands in the same split: it is chosen by a hash of the document&apos;s id.</source>
        <translation>同一篇文档总是分到同一个子集：划分依据是文档编号的哈希值。</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Entity labels</source>
        <translation>实体标签</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>How to write it</source>
        <translation>写出方式</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Splits</source>
        <translation>数据划分</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Reading the documents…</source>
        <translation>正在读取文档…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 of %2 documents</source>
        <translation>%1 / %2 篇文档</translation>
    </message>
    <message>
        <source>Exported %1 documents, %2 entities and %3 relations.</source>
        <translation>已导出 %1 篇文档、%2 个实体和 %3 个关系。</translation>
    </message>
    <message>
        <source>Written to</source>
        <translation>写入位置</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>%1 documents, %2 entities, %3 relations</source>
        <translation>%1 篇文档，%2 个实体，%3 个关系</translation>
    </message>
    <message>
        <source>Left out, and why</source>
        <translation>未导出的内容及原因</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Export cancelled. Nothing was written.</source>
        <translation>导出已取消，没有写入任何内容。</translation>
    </message>
    <message>
        <source>The export failed. Nothing was written.</source>
        <translation>导出失败，没有写入任何内容。</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>A folder: one file per split, and the label schema.</source>
        <translation>一个文件夹：每个子集一个文件，另附标签体系。</translation>
    </message>
    <message>
        <source>One file, with the label schema beside it.</source>
        <translation>一个文件，旁边附标签体系。</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>导出到文件</translation>
    </message>
    <message>
        <source>Choose at least one status.</source>
        <translation>请至少选择一种状态。</translation>
    </message>
    <message numerus="yes">
        <source>%n documents match.</source>
        <translation>
            <numerusform>共有 %n 篇文档符合条件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to write the dataset.</source>
        <translation>请选择数据集的保存位置。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this document</source>
        <translation>在本文档中查找</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>搜索全部文档</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>FlagLabel</name>
    <message>
        <source>Click to see the place in the text</source>
        <translation>单击查看在文中的位置</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Annotator JSONL</source>
        <translation>Annotator JSONL</translation>
    </message>
    <message>
        <source>CoNLL / BIO</source>
        <translation>CoNLL / BIO</translation>
    </message>
    <message>
        <source>Newspaper pages (text)</source>
        <translation>报纸版面（纯文本）</translation>
    </message>
    <message>
        <source>Plain text, one document per file</source>
        <translation>纯文本，每个文件一篇文档</translation>
    </message>
    <message>
        <source>Everything: entities, relations, annotators, status, provenance. The format for moving data between Annotator projects.</source>
        <translation>完整保存：实体、关系、标注员、状态和来源。用于在 Annotator 项目之间迁移数据。</translation>
    </message>
    <message>
        <source>doccano&apos;s JSONL for sequence labelling with relations.</source>
        <translation>doccano 的 JSONL 格式，用于带关系的序列标注。</translation>
    </message>
    <message>
        <source>Label Studio tasks with labels and relations, plus the matching labelling configuration.</source>
        <translation>带标签和关系的 Label Studio 任务，并附上对应的标注配置。</translation>
    </message>
    <message>
        <source>Prodigy JSONL: tokens, spans and relations (also read by spaCy&apos;s relation extraction tutorial).</source>
        <translation>Prodigy JSONL：词元、片段和关系（spaCy 的关系抽取教程也读取这种格式）。</translation>
    </message>
    <message>
        <source>A spaCy DocBin (.spacy) with entities and spans, ready for spacy train.</source>
        <translation>包含实体和片段的 spaCy DocBin（.spacy），可直接用于 spacy train。</translation>
    </message>
    <message>
        <source>brat standoff: a .txt and .ann file per document, with annotation.conf.</source>
        <translation>brat standoff 格式：每篇文档一个 .txt 和一个 .ann 文件，另附 annotation.conf。</translation>
    </message>
    <message>
        <source>One token and its BIO tag per line, by character (as in MSRA and People&apos;s Daily) or by jieba word. Nested spans cannot be held; the summary lists them.</source>
        <translation>每行一个词元及其 BIO 标记，按字切分（与 MSRA、人民日报语料相同）或按 jieba 分词。无法保存嵌套片段，结果摘要会列出它们。</translation>
    </message>
    <message>
        <source>A Hugging Face dataset folder: JSONL splits and a dataset card, for datasets.load_dataset(&quot;json&quot;, ...).</source>
        <translation>Hugging Face 数据集文件夹：各子集的 JSONL 文件和数据集说明卡，可用 datasets.load_dataset(&quot;json&quot;, ...) 读取。</translation>
    </message>
    <message>
        <source>Plain text newspaper pages, cut into articles.</source>
        <translation>纯文本报纸版面，自动切分成文章。</translation>
    </message>
    <message>
        <source>Plain text or Markdown; each file becomes one document.</source>
        <translation>纯文本或 Markdown；每个文件成为一篇文档。</translation>
    </message>
</context>
<context>
    <name>GuidelinesPanel</name>
    <message>
        <source>*No guidelines found.* Put them in `docs/guidelines.md`.</source>
        <translation>*未找到标注规范。* 请将其放在 `docs/guidelines.md`。</translation>
    </message>
    <message>
        <source>*Cannot read the guidelines* (%1): %2</source>
        <translation>*无法读取标注规范*（%1）：%2</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Select text: the label menu opens</source>
        <translation>选中文字：弹出标签菜单</translation>
    </message>
    <message>
        <source>Double-click: select the word (jieba) and label it</source>
        <translation>双击：选中该词（jieba 分词）并标注</translation>
    </message>
    <message>
        <source>Click a span: focus it; click again: the span around it</source>
        <translation>单击片段：聚焦该片段；再次单击：聚焦包含它的片段</translation>
    </message>
    <message>
        <source>Ctrl + wheel: zoom</source>
        <translation>Ctrl + 滚轮：缩放</translation>
    </message>
    <message>
        <source>Labels (selection, or the focused span)</source>
        <translation>标签（作用于选区或当前聚焦的片段）</translation>
    </message>
    <message>
        <source>Mouse</source>
        <translation>鼠标</translation>
    </message>
    <message>
        <source>Change keys in %1 · any key closes this</source>
        <translation>可在 %1 中修改按键 · 按任意键关闭</translation>
    </message>
    <message>
        <source>A label key labels the selection, accepts the focused candidate with that label, or relabels the focused entity. The focus stays on that span, so a second key corrects the label; %1 or %2 moves on.</source>
        <translation>标签键为选中的文字加标签，或以该标签接受当前候选，或修改当前实体的标签。焦点停留在这个片段上，再按一个标签键即可更正；按 %1 或 %2 继续。</translation>
    </message>
    <message>
        <source>A label key labels the selection, accepts the focused candidate with that label, or relabels the focused entity. The focus stays on that span, so a second key corrects the label; Return or Tab moves on.</source>
        <translation type="vanished">标签键为选中的文字加标签，或以该标签接受当前候选，或修改当前实体的标签。焦点停留在这个片段上，再按一个标签键即可更正；按 Return 或 Tab 继续。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>Who is annotating?</source>
        <translation>谁在标注？</translation>
    </message>
    <message>
        <source>Every entity, relation and decision records who made it. Type the name your team knows you by; it is remembered on this computer and can be changed under File ▸ Switch annotator.</source>
        <translation>每个实体、关系和判断都会记录是谁做的。请输入团队熟悉的名字；本机会记住它，之后可在“文件 ▸ 切换标注员”中更改。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Drop files or folders here. Folders are searched, subfolders too, for every file Annotator can read. A file imported before is left alone.</source>
        <translation>可将文件或文件夹拖放到这里。文件夹（包括子文件夹）中所有 Annotator 能读取的文件都会被导入。之前导入过的文件会被跳过。</translation>
    </message>
    <message>
        <source>Detect from each file</source>
        <translation>根据每个文件自动识别</translation>
    </message>
    <message>
        <source>Detect (and say so in the summary)</source>
        <translation>自动识别（并在摘要中说明）</translation>
    </message>
    <message>
        <source>Code points</source>
        <translation>码位</translation>
    </message>
    <message>
        <source>UTF-16 units (as the web tools count)</source>
        <translation>UTF-16 单元（网页工具的计法）</translation>
    </message>
    <message>
        <source>Make punctuation between Chinese characters full-width</source>
        <translation>将汉字之间的标点转为全角</translation>
    </message>
    <message>
        <source>Suggest candidate spans for the new documents</source>
        <translation>为新文档生成候选片段</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Add at least one file or folder.</source>
        <translation>请至少添加一个文件或文件夹。</translation>
    </message>
    <message>
        <source>Looking for files…</source>
        <translation>正在查找文件…</translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation>将在当前文件完成后停止…</translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation>第 %1 / %2 个文件：%3</translation>
    </message>
    <message>
        <source>Files read.</source>
        <translation>文件已读取。</translation>
    </message>
    <message>
        <source>Suggesting candidate spans: %1 of %2 documents</source>
        <translation>正在生成候选片段：%1 / %2 篇文档</translation>
    </message>
    <message>
        <source>Indexing for search: %1 of %2 documents</source>
        <translation>正在建立搜索索引：%1 / %2 篇文档</translation>
    </message>
    <message>
        <source>Imported %1 new documents (%2 entities, %3 relations) from %4 of %5 files.</source>
        <translation type="vanished">从 %5 个文件中的 %4 个导入了 %1 篇新文档（%2 个实体，%3 个关系）。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Already imported before</source>
        <translation>之前已导入</translation>
    </message>
    <message>
        <source>No text</source>
        <translation>无文本</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Files not imported, and why</source>
        <translation>未导入的文件及原因</translation>
    </message>
    <message>
        <source>Documents skipped</source>
        <translation>跳过的文档</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The import stopped.</source>
        <translation>导入已中止。</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Chosen by each file&apos;s extension and contents.</source>
        <translation>根据每个文件的扩展名和内容确定格式。</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Files Annotator can read (%1)</source>
        <translation>Annotator 可读取的文件（%1）</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Add the labels these files use that the project lacks (listed first)</source>
        <translation>添加这些文件用到而项目中没有的标签（先列出）</translation>
    </message>
    <message>
        <source>Reading the labels the files use…</source>
        <translation>正在读取文件用到的标签…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>These labels will be added to the project&apos;s schema. Import again to add them and import the files.</source>
        <translation>这些标签将被添加到项目的标签体系中。再次点击导入即可添加并导入文件。</translation>
    </message>
    <message>
        <source>The files use no labels the project lacks. Import again to import them.</source>
        <translation>这些文件没有用到项目中缺少的标签。再次点击导入即可导入。</translation>
    </message>
    <message>
        <source>Labels to add</source>
        <translation>要添加的标签</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>读取自</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Add labels and import</source>
        <translation>添加标签并导入</translation>
    </message>
    <message>
        <source>Imported %1 (%2, %3) from %4.</source>
        <translation>已导入 %1（%2，%3），来自 %4。</translation>
    </message>
    <message numerus="yes">
        <source>%n new documents</source>
        <translation>
            <numerusform>%n 篇新文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n 个实体</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n relations</source>
        <translation>
            <numerusform>%n 个关系</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n files</source>
        <translation>
            <numerusform>%n 个文件中的 %1 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark the new documents as done (gold data that is already reviewed)</source>
        <translation>将新文档标记为已完成（已审核的金标准数据）</translation>
    </message>
    <message>
        <source>Documents whose file gives them a status of their own keep it.</source>
        <translation>文件中已带有状态的文档保留其原状态。</translation>
    </message>
</context>
<context>
    <name>ImportFlags</name>
    <message>
        <source>no headline was found for this text; it may belong to another article</source>
        <translation>没有找到这段文字的标题；它可能属于另一篇文章</translation>
    </message>
    <message>
        <source>the text stops mid-sentence at line %1 and no continuation was found on the page; it may go on in another file or be lost</source>
        <translation>正文在第 %1 行句子中间中断，本版面上没有找到接续部分；它可能在另一个文件中继续，或已丢失</translation>
    </message>
    <message>
        <source>continues at line %1, further down the page (%2)</source>
        <translation>接续在第 %1 行，版面下方（%2）</translation>
    </message>
    <message>
        <source>line %1 was attached here as the continuation of this sentence; please check (%2)</source>
        <translation>第 %1 行被接在这里作为这句话的后续；请核对（%2）</translation>
    </message>
    <message>
        <source>line %1 starts mid-sentence but the paragraph before it is complete; its beginning may be missing</source>
        <translation>第 %1 行从句子中间开始，但前一段是完整的；它的开头可能缺失</translation>
    </message>
    <message>
        <source>the paragraph ends mid-sentence but line %1 does not read as its continuation (%2)</source>
        <translation>该段在句子中间结束，但第 %1 行读起来不像它的后续（%2）</translation>
    </message>
    <message>
        <source>the paragraph ends mid-sentence but line %1 does not read as its continuation</source>
        <translation>该段在句子中间结束，但第 %1 行读起来不像它的后续</translation>
    </message>
    <message>
        <source>line %1 was joined to the line above as one paragraph cut by a column break (%2)</source>
        <translation>第 %1 行与上一行拼接为同一段（被分栏切断）（%2）</translation>
    </message>
    <message>
        <source>line %1 was joined to the line above as one paragraph cut by a column break</source>
        <translation>第 %1 行与上一行拼接为同一段（被分栏切断）</translation>
    </message>
    <message>
        <source>a new article was started at line %1 (&apos;%2&apos;), read as a headline with confidence %3 (%4); if it is an intertitle, merge this article with the one before</source>
        <translation>在第 %1 行（“%2”）开始了一篇新文章，该行被读作标题的置信度为 %3（%4）；如果它是小标题，请把这篇文章与上一篇合并</translation>
    </message>
    <message>
        <source>a new article was started at line %1 (&apos;%2&apos;), read as a headline with confidence %3; if it is an intertitle, merge this article with the one before</source>
        <translation>在第 %1 行（“%2”）开始了一篇新文章，该行被读作标题的置信度为 %3；如果它是小标题，请把这篇文章与上一篇合并</translation>
    </message>
    <message>
        <source>line %1 (&apos;%2&apos;), read as this headline&apos;s kicker, stops inside a word: it may be the last line of an article&apos;s text, cut off and continued elsewhere</source>
        <translation>第 %1 行（“%2”）被读作这个标题的引题，却停在一个词的中间：它可能是某篇文章正文的最后一行，被截断后在别处接续</translation>
    </message>
    <message>
        <source>line %1 has no headline over it and is no photo&apos;s caption: it may belong to the article before or after it; if so, merge it there</source>
        <translation>第 %1 行上方没有标题，也不是图片说明：它可能属于前一篇或后一篇文章；如果是，请把它合并过去</translation>
    </message>
    <message>
        <source>the 阅读提示 box at line %1 was printed after this article&apos;s text: it may introduce the next article; if so, move it there</source>
        <translation>第 %1 行的“阅读提示”印在本文正文之后：它可能是下一篇文章的导读；如果是，请把它移过去</translation>
    </message>
    <message>
        <source>the last paragraph, at line %1, is one short sentence right over a photo&apos;s caption: it may be the caption&apos;s first part; if so, move it to the photo</source>
        <translation>第 %1 行的最后一段只有一个短句，紧挨在一张图片的说明之上：它可能是图片说明的开头；如果是，请把它移到图片</translation>
    </message>
    <message>
        <source>line %1 opens with a dateline or byline, as a news report does: it may be another article whose headline was lost; if so, split the article here</source>
        <translation>第 %1 行以电头或署名开头，像一篇消息的开头：它可能是另一篇丢了标题的文章；如果是，请在此处拆分文章</translation>
    </message>
    <message>
        <source>line %1 is printed again at line %2, further down this article; the copy here, over the article&apos;s other text, was kept: if the one further down is in its place, move this paragraph there</source>
        <translation>第 %1 行在本文后面的第 %2 行又印了一次；保留的是这里、位于本文其他正文之上的一份：如果后面那一份才在原位，请把这一段移到那里</translation>
    </message>
    <message>
        <source>line %1 was read as an intertitle of this article, but the paragraph under it opens the way a news report does: it may be the headline of another; if so, split the article here</source>
        <translation>第 %1 行被读作本文的小标题，但它下面的段落以消息的方式开头：它可能是另一篇文章的标题；如果是，请在此处拆分文章</translation>
    </message>
    <message>
        <source>line %1 was read as an intertitle of this article, but it opens with the mark of this article&apos;s headline (%2): it may be the headline of another; if so, split the article here</source>
        <translation>第 %1 行被读作本文的小标题，但它以本文标题的标记（%2）开头：它可能是另一篇文章的标题；如果是，请在此处拆分文章</translation>
    </message>
    <message>
        <source>lines %1 and %2 were read as two intertitles in a row, but an intertitle is followed by text: they may be another article&apos;s headline lines; if so, split the article here</source>
        <translation>第 %1 行和第 %2 行被读作连续的两个小标题，但小标题之后应是正文：它们可能是另一篇文章的标题行；如果是，请在此处拆分文章</translation>
    </message>
    <message>
        <source>a new article was started at line %1 (&apos;%2&apos;), taken for a headline by a rule (%3), though the model gave that only %4; if it is an intertitle, merge this article with the one before</source>
        <translation>在第 %1 行（“%2”）开始了一篇新文章：一条规则（%3）把该行当作标题，而模型认为它是标题的可能只有 %4；如果它是小标题，请把这篇文章与上一篇合并</translation>
    </message>
    <message>
        <source>line %1 was taken for an intertitle of this article by a rule (%2), though the model read it as the headline of another (%3); if the model is right, split the article here</source>
        <translation>一条规则（%2）把第 %1 行当作本文的小标题，而模型把它读作另一篇文章的标题（%3）；如果模型是对的，请在此处拆分文章</translation>
    </message>
    <message>
        <source>line %1 was taken for %2 by a rule (%3), though the model read it as %4 (%5); if the model is right, the article is cut wrongly here</source>
        <translation>一条规则（%3）把第 %1 行当作%2，而模型把它读作%4（%5）；如果模型是对的，文章在此处切分有误</translation>
    </message>
    <message>
        <source>line %1 was read as an intertitle of this article, but it may be the headline of another (%2): %3; if so, split the article here</source>
        <translation>第 %1 行被读作本文的小标题，但它可能是另一篇文章的标题（%2）：%3；如果是，请在此处拆分文章</translation>
    </message>
    <message>
        <source>line %1 was read as an intertitle of this article, but it may be the headline of another (%2); if so, split the article here</source>
        <translation>第 %1 行被读作本文的小标题，但它可能是另一篇文章的标题（%2）；如果是，请在此处拆分文章</translation>
    </message>
    <message>
        <source>line %1 was read as %2 (%3), but it may be %4 (%5): %6; if so, the article is cut wrongly here</source>
        <translation>第 %1 行被读作%2（%3），但它可能是%4（%5）：%6；如果是，文章在此处切分有误</translation>
    </message>
    <message>
        <source>line %1 was read as %2 (%3), but it may be %4 (%5); if so, the article is cut wrongly here</source>
        <translation>第 %1 行被读作%2（%3），但它可能是%4（%5）；如果是，文章在此处切分有误</translation>
    </message>
    <message>
        <source>the line ends on &apos;%1&apos;</source>
        <translation>该行以“%1”结尾</translation>
    </message>
    <message>
        <source>the line ends on a preposition, conjunction or particle</source>
        <translation>该行以介词、连词或助词结尾</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a dictionary word across the cut</source>
        <translation>“%1”是跨越断点的词典词</translation>
    </message>
    <message>
        <source>&apos;%1&apos; reads as one word across the cut</source>
        <translation>“%1”跨越断点读作一个词</translation>
    </message>
    <message>
        <source>a noun follows the preposition before the cut</source>
        <translation>断点前的介词后接名词</translation>
    </message>
    <message>
        <source>no noun follows the preposition before the cut</source>
        <translation>断点前的介词后没有名词</translation>
    </message>
    <message>
        <source>the next part starts mid-sentence</source>
        <translation>下一部分从句子中间开始</translation>
    </message>
    <message>
        <source>the next part opens on a stray &apos;%1&apos;</source>
        <translation>下一部分以多余的“%1”开头</translation>
    </message>
    <message>
        <source>a quote opened before the cut closes after it</source>
        <translation>断点前开始的引号在断点后闭合</translation>
    </message>
    <message>
        <source>a quote closes after the cut that was never opened: text may be missing</source>
        <translation>断点后出现未开启的闭引号：可能缺少文字</translation>
    </message>
    <message>
        <source>the next part opens a quote, as new paragraphs do</source>
        <translation>下一部分以引号开头，像新段落一样</translation>
    </message>
    <message>
        <source>the next part opens with a byline</source>
        <translation>下一部分以电头/署名开头</translation>
    </message>
    <message>
        <source>paragraphs with no headline of their own</source>
        <translation>没有自己标题的段落</translation>
    </message>
    <message>
        <source>a headline without byline over a paragraph that starts mid-sentence</source>
        <translation>没有署名的标题，下面的段落从句子中间开始</translation>
    </message>
    <message>
        <source>a 阅读提示 box inside another article, and what follows it</source>
        <translation>另一篇文章中的“阅读提示”框及其后的内容</translation>
    </message>
    <message>
        <source>the end of another article</source>
        <translation>另一篇文章的结尾</translation>
    </message>
    <message>
        <source>the rest of a sentence with no headline of its own</source>
        <translation>没有自己标题的半句续文</translation>
    </message>
    <message>
        <source>&apos;%1&apos; across the cut is printed in this article too</source>
        <translation>跨断点读出的“%1”在本文中也出现过</translation>
    </message>
    <message>
        <source>a list goes on across the cut</source>
        <translation>断点前的并列成分在断点后继续</translation>
    </message>
    <message>
        <source>the rest of a word cut elsewhere</source>
        <translation>在别处断开的词的后半部分</translation>
    </message>
    <message>
        <source>topic closer to this article than to its neighbours by %1</source>
        <translation>主题与本文比与相邻文章更接近（差值 %1）</translation>
    </message>
    <message>
        <source>a caption closed by its credit</source>
        <translation>以摄影署名结尾的图片说明</translation>
    </message>
    <message>
        <source>a long line ending on a full stop</source>
        <translation>以句号结尾的长行</translation>
    </message>
    <message>
        <source>over a headline, and more likely text than a headline line</source>
        <translation>位于标题之上，且更像正文而不是标题行</translation>
    </message>
    <message>
        <source>too long for an intertitle, and it runs on into the next line</source>
        <translation>作小标题太长，且句子延续到下一行</translation>
    </message>
    <message>
        <source>not under 阅读提示</source>
        <translation>不在“阅读提示”之下</translation>
    </message>
    <message>
        <source>shaped like a byline, not an intertitle</source>
        <translation>形似署名，不是小标题</translation>
    </message>
    <message>
        <source>an author&apos;s bare name under a headline</source>
        <translation>标题下只有作者姓名</translation>
    </message>
    <message>
        <source>an author&apos;s bare name under it, over the text</source>
        <translation>其下是作者姓名，再下是正文</translation>
    </message>
    <message>
        <source>a short line that does not run on into the next</source>
        <translation>短行，句子没有延续到下一行</translation>
    </message>
    <message>
        <source>opens with the mark of the page&apos;s other headlines (%1)</source>
        <translation>以本版其他标题的标记（%1）开头</translation>
    </message>
    <message>
        <source>a news report&apos;s opening under it, the text above finished</source>
        <translation>其下是新闻报道的开头，上方正文已结束</translation>
    </message>
    <message>
        <source>the page&apos;s first line over text: no article has begun for an intertitle</source>
        <translation>版面第一行，其下是正文：尚无文章开始，不会是小标题</translation>
    </message>
    <message>
        <source>a paragraph opening a sentence under it, as no page header has</source>
        <translation>其下段落以新句子开头，版头下不会如此</translation>
    </message>
    <message>
        <source>a byline or a report&apos;s opening under it, as no page header has</source>
        <translation>其下是署名或报道的开头，版头下不会如此</translation>
    </message>
    <message>
        <source>人名：短语 over a paragraph that opens on that name: a profile&apos;s part</source>
        <translation>“人名：短语”行下的段落以该人名开头：人物通讯的一部分</translation>
    </message>
    <message>
        <source>a doubted headline inside a story that goes on under it</source>
        <translation>存疑的标题位于一篇报道中间，报道在其下继续</translation>
    </message>
    <message>
        <source>a doubted short line between finished text and a title</source>
        <translation>存疑的短行位于已结束的正文与标题之间</translation>
    </message>
    <message>
        <source>over a headline: an intertitle is followed by text</source>
        <translation>位于标题之上：小标题之后应是正文</translation>
    </message>
    <message>
        <source>a plain line among headlines marked with #</source>
        <translation>在用 # 标记的标题中没有标记的行</translation>
    </message>
    <message>
        <source>under a sentence cut short that it does not go on with</source>
        <translation>位于被截断的句子之下，且没有接续该句</translation>
    </message>
    <message>
        <source>under a sentence cut short: only &apos;%1&apos; reads across, and the model gives the line more chance of a headline than of the sentence&apos;s rest</source>
        <translation>位于被截断的句子之下：跨越截断处的只有“%1”，而模型认为这一行是标题的可能性大于是该句的后半部分</translation>
    </message>
    <message>
        <source>under a sentence cut short that a paragraph further down resumes with a name of its article</source>
        <translation>位于被截断的句子之下，而页面下方有一段以该文中出现过的名称接续了这句话</translation>
    </message>
    <message>
        <source>a line leading into a headline with a dash</source>
        <translation>用破折号引出标题的行</translation>
    </message>
    <message>
        <source>shaped like an intertitle (a pull-quote, or a theme and a colon), between paragraphs of a story</source>
        <translation>形如小标题（引语，或主题加冒号），位于一篇报道的段落之间</translation>
    </message>
    <message>
        <source>a short line that names no writer</source>
        <translation>未写明作者的短行</translation>
    </message>
    <message>
        <source>a short line between a finished paragraph and a sure title</source>
        <translation>位于已结束的段落与一个确定的标题之间的短行</translation>
    </message>
    <message>
        <source>a column label over a short line and text</source>
        <translation>位于短行和正文之上的栏目名</translation>
    </message>
    <message>
        <source>under a column label</source>
        <translation>位于栏目名之下</translation>
    </message>
    <message>
        <source>in a briefs column, whose briefs have no intertitles</source>
        <translation>位于简讯栏中，而简讯没有小标题</translation>
    </message>
    <message>
        <source>under a 阅读提示 box printed after a signed-off text</source>
        <translation>位于一篇已署名结束的文章之后的阅读提示框之下</translation>
    </message>
    <message>
        <source>an unfinished line going on right under it</source>
        <translation>下方紧接着一行未完的文字</translation>
    </message>
    <message>
        <source>a ### heading</source>
        <translation>### 标题</translation>
    </message>
    <message>
        <source>a long line opening on a dateline</source>
        <translation>以电头开头的长行</translation>
    </message>
    <message>
        <source>a sentence cut mid-way, as likely text as a headline&apos;s line</source>
        <translation>从中间截断的句子，是正文和是标题行的可能性相当</translation>
    </message>
    <message>
        <source>a lone ## heading over plain text</source>
        <translation>位于普通正文之上的单独一个 ## 标题</translation>
    </message>
    <message>
        <source>between a headline and the byline under it</source>
        <translation>位于标题与其下的署名之间</translation>
    </message>
    <message>
        <source>a line opening on a dash under a headline</source>
        <translation>位于标题之下、以破折号开头的行</translation>
    </message>
    <message>
        <source>printed right under an unfinished line it goes on</source>
        <translation>紧接在它所接续的未完行之下</translation>
    </message>
    <message>
        <source>an unfinished line the page sends on elsewhere</source>
        <translation>版面转到别处接续的未完行</translation>
    </message>
    <message>
        <source>the sentence runs on into the next line</source>
        <translation>句子延续到下一行</translation>
    </message>
    <message>
        <source>a short line the model gives more chance of a title than of text</source>
        <translation>模型认为更可能是标题而非正文的短行</translation>
    </message>
    <message>
        <source>a column&apos;s label before a vertical bar: a headline&apos;s, not an intertitle&apos;s</source>
        <translation>竖线前是栏目名：属于标题，而非小标题</translation>
    </message>
    <message>
        <source>a producer&apos;s name printed over a production credit</source>
        <translation>出品署名上方的出品方名称</translation>
    </message>
    <message>
        <source>a production credit closing the piece</source>
        <translation>结束全文的出品署名</translation>
    </message>
    <message>
        <source>text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>an intertitle</source>
        <translation>小标题</translation>
    </message>
    <message>
        <source>a reading tip</source>
        <translation>阅读提示</translation>
    </message>
    <message>
        <source>a headline line</source>
        <translation>标题行</translation>
    </message>
    <message>
        <source>a byline closing the article</source>
        <translation>结束文章的署名行</translation>
    </message>
    <message>
        <source>a photo credit closing a caption</source>
        <translation>结束图片说明的摄影署名</translation>
    </message>
    <message>
        <source>an advertisement</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>page furniture</source>
        <translation>版面杂项</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>LabelMenu</name>
    <message>
        <source>&amp;0  Clear</source>
        <translation>&amp;0  清除</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Start a relation from here</source>
        <translation>从这里开始建立关系</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Label all occurrences…</source>
        <translation>标注所有出现位置…</translation>
    </message>
    <message>
        <source>Label as</source>
        <translation>标注为</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>Relations — R, Tab to the tail, then its number</source>
        <translation>关系：按 R，Tab 到尾实体，再按编号</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
</context>
<context>
    <name>LabelSchema</name>
    <message>
        <source>A person&apos;s name, including names in bylines (记者X) and 化名.</source>
        <translation>人名，包括署名中的人名（记者X）和化名。</translation>
    </message>
    <message>
        <source>Organisations: companies, unions (总工会, 市总), government bodies, courts, schools, teams with a name.</source>
        <translation>机构：企业、工会（总工会、市总）、政府机关、法院、学校、有名称的团队。</translation>
    </message>
    <message>
        <source>Places: countries, provinces, cities, counties, towns, streets, named sites.</source>
        <translation>地点：国家、省、市、县、镇、街道和有名称的场所。</translation>
    </message>
    <message>
        <source>Job titles and positions (主席, 党组书记, 工会主席), without the organisation.</source>
        <translation>职务和职位（主席、党组书记、工会主席），不含所在机构。</translation>
    </message>
    <message>
        <source>Dates and date expressions: years, months, days, 年初, 年底.</source>
        <translation>日期和时间表达：年、月、日，以及年初、年底等。</translation>
    </message>
    <message>
        <source>Amounts of money with their unit (7862元, 1038万元, 2000万余元).</source>
        <translation>带单位的金额（7862元、1038万元、2000万余元）。</translation>
    </message>
    <message>
        <source>Titled documents, laws, regulations and works, usually in 《》 (the brackets are not part of the span).</source>
        <translation>有标题的文件、法律、法规和作品，通常在《》中（书名号不在片段内）。</translation>
    </message>
    <message>
        <source>The person works for, or is a member of, the organisation.</source>
        <translation>此人在该机构工作，或是该机构的成员。</translation>
    </message>
    <message>
        <source>The person holds the title.</source>
        <translation>此人担任该职务。</translation>
    </message>
    <message>
        <source>The organisation or place is located in the place.</source>
        <translation>该机构或地点位于该地点。</translation>
    </message>
    <message>
        <source>The organisation is part of, or reports to, the other organisation.</source>
        <translation>该机构隶属于另一机构，或向其负责。</translation>
    </message>
    <message>
        <source>What the article is mainly about.</source>
        <translation>文章的主要内容。</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>Annotator will use %1 the next time it starts.</source>
        <translation>Annotator 下次启动时将使用 %1。</translation>
    </message>
</context>
<context>
    <name>LearningWords</name>
    <message>
        <source>%1 marked done, with %2</source>
        <translation>已标记完成 %1，共 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n 个实体</numerusform>
        </translation>
    </message>
    <message>
        <source>at least %1 and %2</source>
        <translation>至少 %1 和 %2</translation>
    </message>
    <message numerus="yes">
        <source>Mark %n more documents as done.</source>
        <translation>
            <numerusform>请再将 %n 篇文档标记为完成。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label %n more entities in documents marked done.</source>
        <translation>
            <numerusform>请在已完成的文档中再标注 %n 个实体。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not enough reviewed data to train the suggester yet: %1; it needs %2. %3 Until then suggestions come from %4.</source>
        <translation>已审阅的数据还不足以训练建议模型：%1；训练需要%2。%3 在此之前，建议来自%4。</translation>
    </message>
    <message>
        <source>the rules, the gazetteer and the starter model bundled with Annotator</source>
        <translation>规则、已标注词表和 Annotator 自带的入门模型</translation>
    </message>
    <message>
        <source>the rules and the gazetteer</source>
        <translation>规则和已标注词表</translation>
    </message>
    <message>
        <source>It is ignored: suggestions come from %1. Project ▸ Train suggester now replaces it with a new one.</source>
        <translation>已忽略该模型：建议来自%1。使用 项目 ▸ 立即训练建议模型 可以用新模型替换它。</translation>
    </message>
    <message>
        <source>Not enough reviewed data to train the suggester yet: %1; it needs %2. %3 Until then suggestions come from the rules and the gazetteer.</source>
        <translation type="vanished">已审阅的数据还不足以训练建议模型：%1；训练需要%2。%3 在此之前，建议来自规则和已标注词表。</translation>
    </message>
    <message>
        <source>The project&apos;s suggester model was made by a newer version of Annotator.</source>
        <translation>本项目的建议模型由更新版本的 Annotator 生成。</translation>
    </message>
    <message>
        <source>The project&apos;s suggester model is damaged.</source>
        <translation>本项目的建议模型已损坏。</translation>
    </message>
    <message>
        <source>It is ignored: suggestions come from the rules and the gazetteer. Project ▸ Train suggester now replaces it with a new one.</source>
        <translation type="vanished">已忽略该模型：建议来自规则和已标注词表。使用 项目 ▸ 立即训练建议模型 可以用新模型替换它。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the project…</source>
        <translation>正在打开项目…</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Focused span</source>
        <translation>当前片段</translation>
    </message>
    <message>
        <source>In this document</source>
        <translation>本文档</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>标注规范</translation>
    </message>
    <message>
        <source>No documents yet. Use File ▸ Import… to add some.</source>
        <translation>还没有文档。请通过“文件 ▸ 导入…”添加。</translation>
    </message>
    <message>
        <source>Importing the bundled seed pages…</source>
        <translation>正在导入内置的示例版面…</translation>
    </message>
    <message>
        <source>The suggester is already training.</source>
        <translation>建议模型正在训练中。</translation>
    </message>
    <message>
        <source>Train suggester</source>
        <translation>训练建议模型</translation>
    </message>
    <message>
        <source>Tab to an entity first; A labels its other occurrences.</source>
        <translation>请先用 Tab 选中一个实体；按 A 标注它在其他位置的出现。</translation>
    </message>
    <message>
        <source>Label schema saved. Undo history starts again from here.</source>
        <translation type="vanished">标签体系已保存。撤销记录从此处重新开始。</translation>
    </message>
    <message>
        <source>Now annotating as %1.</source>
        <translation>现在以 %1 的身份标注。</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Label schema saved. Ctrl+Z takes it back.</source>
        <translation>标签体系已保存。按 Ctrl+Z 可撤销。</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation type="vanished">打开项目…</translation>
    </message>
    <message>
        <source>Switch annotator…</source>
        <translation>切换标注员…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>标注(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>标注规范</translation>
    </message>
    <message>
        <source>Label schema…</source>
        <translation>标签体系…</translation>
    </message>
    <message>
        <source>Dashboard…</source>
        <translation>仪表盘…</translation>
    </message>
    <message>
        <source>Train suggester now</source>
        <translation>立即训练建议模型</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <source>Suggester…</source>
        <translation>建议模型…</translation>
    </message>
    <message>
        <source>Merge packages…</source>
        <translation>合并标注包…</translation>
    </message>
    <message>
        <source>Assign documents…</source>
        <translation>分配文档…</translation>
    </message>
    <message>
        <source>Adjudicate…</source>
        <translation>裁定…</translation>
    </message>
    <message>
        <source>Agreement…</source>
        <translation>标注一致度…</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>%1 (%2): %3 new versions, %4 updated, %5 unchanged; %6 became gold</source>
        <translation>%1（%2）：新版本 %3 个，更新 %4 个，未变 %5 个；%6 篇成为金标准</translation>
    </message>
    <message>
        <source>  %1 documents not merged: their text differs from the project&apos;s</source>
        <translation>  %1 篇文档未合并：其文本与项目中的不同</translation>
    </message>
    <message>
        <source>  %1 documents kept as they were: the project has newer work from %2</source>
        <translation>  %1 篇文档保持原样：项目中已有 %2 更新的工作</translation>
    </message>
    <message>
        <source>%1 documents wait for adjudication (Project ▸ Adjudicate).</source>
        <translation>%1 篇文档等待裁定（项目 ▸ 裁定）。</translation>
    </message>
    <message>
        <source>Merge packages</source>
        <translation>合并标注包</translation>
    </message>
    <message>
        <source>Annotators&apos; packages (made with annotator pack) come back into this project: each annotator&apos;s work becomes their version of each document. A package from another project, with labels this project lacks, or damaged is refused, and the project stays as it was.</source>
        <translation>把标注员的标注包（由 annotator pack 生成）合并回本项目：每位标注员的工作成为其对各文档的版本。来自其他项目、含有本项目没有的标签或已损坏的标注包会被拒绝，项目保持原样。</translation>
    </message>
    <message>
        <source>Add packages…</source>
        <translation>添加标注包…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Packages to merge</source>
        <translation>要合并的标注包</translation>
    </message>
    <message>
        <source>Annotator packages (*%1);;All files (*)</source>
        <translation>标注包 (*%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the packages…</source>
        <translation>正在检查标注包…</translation>
    </message>
    <message>
        <source>Merging %1</source>
        <translation>正在合并 %1</translation>
    </message>
    <message>
        <source>Nothing was merged: %1</source>
        <translation>未合并任何内容：%1</translation>
    </message>
</context>
<context>
    <name>OccurrencesDialog</name>
    <message>
        <source>Label all occurrences</source>
        <translation>标注所有出现位置</translation>
    </message>
    <message>
        <source>Occurrences of %1 to label as %2</source>
        <translation>将“%1”的出现位置标注为 %2</translation>
    </message>
    <message>
        <source>In this document</source>
        <translation>本文档</translation>
    </message>
    <message>
        <source>In all documents</source>
        <translation>在全部文档中</translation>
    </message>
    <message>
        <source>already labelled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>overlaps %1</source>
        <translation>与 %1 重叠</translation>
    </message>
    <message>
        <source>inside a longer word</source>
        <translation>位于更长的词中</translation>
    </message>
    <message>
        <source>Label %1</source>
        <translation>标注 %1 处</translation>
    </message>
    <message>
        <source>Found %1; already labelled %2. Untick any that are not the same thing.</source>
        <translation>找到 %1 处，其中 %2 处已标注。请取消勾选指代不同事物的位置。</translation>
    </message>
    <message>
        <source>Looking in all documents…</source>
        <translation>正在所有文档中查找…</translation>
    </message>
    <message>
        <source>Looking in all documents: %1 of %2…</source>
        <translation>正在所有文档中查找：第 %1 篇，共 %2 篇…</translation>
    </message>
</context>
<context>
    <name>OrderButton</name>
    <message>
        <source>Reading order</source>
        <translation>阅读顺序</translation>
    </message>
    <message>
        <source>Most unsure first</source>
        <translation>最不确定的优先</translation>
    </message>
    <message>
        <source>The documents as they appear in the project</source>
        <translation>按文档在项目中的顺序</translation>
    </message>
    <message>
        <source>Unfinished documents the suggester is least sure of first (how likely it is to get a sentence wrong), then the rest in reading order. Done and next (Ctrl+Return) follows this order.</source>
        <translation>先列出建议模型最没有把握的未完成文档（按它把某个句子标错的可能性），其余的按阅读顺序排列。“标记完成并打开下一篇”（Ctrl+回车）也按这个顺序。</translation>
    </message>
</context>
<context>
    <name>ProjectJobs</name>
    <message>
        <source>Backup not made: %1</source>
        <translation>未能备份：%1</translation>
    </message>
    <message>
        <source>Importing the bundled seed pages…</source>
        <translation>正在导入内置的示例版面…</translation>
    </message>
    <message>
        <source>Importing seed pages: %1 of %2</source>
        <translation>正在导入示例版面：%1 / %2</translation>
    </message>
    <message>
        <source>Suggesting candidates…</source>
        <translation>正在生成候选…</translation>
    </message>
    <message>
        <source>Suggesting candidates: %1 of %2</source>
        <translation>正在生成候选：%1 / %2</translation>
    </message>
    <message>
        <source>Indexing for search: %1 of %2</source>
        <translation>正在建立搜索索引：%1 / %2</translation>
    </message>
</context>
<context>
    <name>ProjectSafety</name>
    <message>
        <source>This project is read-only: its file or folder cannot be written. You can read and export it; to annotate, copy it somewhere you can write, or ask for write permission.</source>
        <translation>此项目为只读：无法写入其文件或所在文件夹。可以查看和导出；如需标注，请把它复制到可写的位置，或申请写入权限。</translation>
    </message>
    <message>
        <source>The project is damaged</source>
        <translation>项目已损坏</translation>
    </message>
    <message>
        <source>Annotator cannot use this project, and it has no backup.</source>
        <translation>Annotator 无法使用此项目，且没有可用的备份。</translation>
    </message>
    <message>
        <source>Annotator cannot use this project. Restore the newest good backup (from %1)?</source>
        <translation>Annotator 无法使用此项目。是否恢复最新的完好备份（%1）？</translation>
    </message>
    <message>
        <source>The damaged file is not overwritten: it is kept in %1.</source>
        <translation>损坏的文件不会被覆盖，它会保留在 %1。</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Checking the backups and restoring the newest good one…</source>
        <translation>正在检查备份并恢复最新的完好备份…</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Restored the backup %1.</source>
        <translation>已恢复备份 %1。</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>损坏的文件已保留为 %1。</translation>
    </message>
</context>
<context>
    <name>ProjectSwitching</name>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Annotator projects (*.db *.annotator);;All files (*)</source>
        <translation>Annotator 项目 (*.db *.annotator);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 已经打开。</translation>
    </message>
</context>
<context>
    <name>RelationOverlay</name>
    <message>
        <source>Relation from “%1” (%2): Tab to the tail entity or click it · Esc cancels</source>
        <translation>从“%1”（%2）开始建立关系：按 Tab 或单击选择尾实体 · Esc 取消</translation>
    </message>
    <message>
        <source>No relation type goes from %1 to %2 · Tab to another entity · Esc cancels</source>
        <translation>没有从 %1 到 %2 的关系类型 · 按 Tab 换一个实体 · Esc 取消</translation>
    </message>
    <message>
        <source> (exists)</source>
        <translation>（已存在）</translation>
    </message>
    <message>
        <source>“%1” → “%2”:   %3   · Esc cancels</source>
        <translation>“%1” → “%2”：  %3  · Esc 取消</translation>
    </message>
</context>
<context>
    <name>RelationsModel</name>
    <message>
        <source>Head</source>
        <translation>头实体</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Tail</source>
        <translation>尾实体</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 项</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>This is the last document.</source>
        <translation>已经是最后一篇文档。</translation>
    </message>
    <message>
        <source>This is the first document.</source>
        <translation>已经是第一篇文档。</translation>
    </message>
    <message>
        <source>Marked done; undecided candidates left out: %1.</source>
        <translation>已标记完成；未处理的候选未计入：%1 个。</translation>
    </message>
    <message>
        <source>Marked done.</source>
        <translation>已标记完成。</translation>
    </message>
    <message>
        <source>Skipped.</source>
        <translation>已跳过。</translation>
    </message>
    <message>
        <source>Every document is done or skipped.</source>
        <translation>所有文档都已完成或跳过。</translation>
    </message>
    <message>
        <source>No other entity to relate to.</source>
        <translation>没有可以建立关系的其他实体。</translation>
    </message>
    <message>
        <source>Nothing to review in this document.</source>
        <translation>本文档没有需要审阅的内容。</translation>
    </message>
    <message>
        <source>Relation cancelled.</source>
        <translation>已取消建立关系。</translation>
    </message>
    <message>
        <source>Tab to a candidate first; Return accepts it.</source>
        <translation>请先用 Tab 选中一个候选；按回车接受。</translation>
    </message>
    <message>
        <source>This is already an entity; a number relabels it, Delete removes it.</source>
        <translation type="vanished">这已经是实体；按数字键改标签，按 Delete 删除。</translation>
    </message>
    <message>
        <source>Tab to a candidate or an entity first.</source>
        <translation>请先用 Tab 选中一个候选或实体。</translation>
    </message>
    <message>
        <source>Deleted “%1” and the relations that used it (%2). Ctrl+Z brings them back.</source>
        <translation>已删除“%1”及使用它的关系（%2 个）。按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <source>The selection holds only white space.</source>
        <translation>选区中只有空白。</translation>
    </message>
    <message>
        <source>Select some text, or Tab to a candidate or an entity, then press a label key.</source>
        <translation>请先选中文字，或用 Tab 选中候选或实体，再按标签键。</translation>
    </message>
    <message>
        <source>Tab to a span first to move its boundaries.</source>
        <translation>请先用 Tab 选中一个片段，再调整边界。</translation>
    </message>
    <message>
        <source>The span cannot shrink or grow any further that way.</source>
        <translation>片段无法再朝这个方向缩短或延长。</translation>
    </message>
    <message>
        <source>Accepted with the new boundary.</source>
        <translation>已按新边界接受。</translation>
    </message>
    <message>
        <source>No candidates left in this document. Ctrl+Return marks it done.</source>
        <translation>本文档已没有候选。按 Ctrl+回车 标记完成。</translation>
    </message>
    <message>
        <source>Accept the candidate first; relations join entities.</source>
        <translation>请先接受该候选；关系只能连接实体。</translation>
    </message>
    <message>
        <source>Tab to an entity first; R starts a relation from it.</source>
        <translation>请先用 Tab 选中一个实体；按 R 从它开始建立关系。</translation>
    </message>
    <message>
        <source>Relation from “%1”: Tab to the tail, then press the number of the type.</source>
        <translation>从“%1”开始建立关系：按 Tab 移到尾实体，再按关系类型的编号。</translation>
    </message>
    <message>
        <source>Added %1: %2 → %3</source>
        <translation>已添加 %1：%2 → %3</translation>
    </message>
    <message>
        <source>Split the article; the rest is now the next document. Ctrl+Z joins them again.</source>
        <translation>已拆分文章，后半部分成为下一篇文档。按 Ctrl+Z 可重新合并。</translation>
    </message>
    <message>
        <source>This is the last document; there is nothing to merge it with.</source>
        <translation>这是最后一篇文档，没有可合并的文档。</translation>
    </message>
    <message>
        <source>Merged with the next document. Ctrl+Z splits them again.</source>
        <translation>已与下一篇文档合并。按 Ctrl+Z 可重新拆开。</translation>
    </message>
    <message>
        <source>Select the text to move first.</source>
        <translation>请先选中要移动的文字。</translation>
    </message>
    <message>
        <source>There is no document on that side to move the text to.</source>
        <translation>那一侧没有可以接收这段文字的文档。</translation>
    </message>
    <message>
        <source>Moved the text. Ctrl+Z puts it back.</source>
        <translation>已移动文字。按 Ctrl+Z 可撤回。</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>没有可重做的操作。</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <source>This project is read-only: it can be read and exported, not changed.</source>
        <translation>此项目为只读：可以查看和导出，不能修改。</translation>
    </message>
    <message>
        <source>Choose the tail entity first (Tab to it, or click it).</source>
        <translation>请先选择尾实体（按 Tab 移到它，或点击它）。</translation>
    </message>
    <message>
        <source>No relation type goes from %1 to %2 (%3 → %4).</source>
        <translation>没有从 %1 到 %2 的关系类型（%3 → %4）。</translation>
    </message>
    <message>
        <source>%1 is not a choice for %2 → %3; pick 1–%4.</source>
        <translation>%1 不是 %2 → %3 的可选项；请选择 1–%4。</translation>
    </message>
    <message>
        <source>%1 and %2 are already related by %3.</source>
        <translation>%1 和 %2 之间已有关系“%3”。</translation>
    </message>
</context>
<context>
    <name>ReviewStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop training the suggester; the current suggestions stay as they are</source>
        <translation>停止训练建议模型；现有的建议保持不变</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>已完成 %1 / %2</translation>
    </message>
    <message>
        <source>Annotating as %1 (File ▸ Switch annotator…)</source>
        <translation>当前标注员：%1（文件 ▸ 切换标注员…）</translation>
    </message>
    <message>
        <source>Entities this session: %1</source>
        <translation>本次新增实体：%1</translation>
    </message>
    <message>
        <source>%1 entities/min this session</source>
        <translation>本次 %1 个实体/分钟</translation>
    </message>
    <message>
        <source>Entities created this session: %1</source>
        <translation>本次创建的实体：%1</translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <source>A name is needed.</source>
        <translation>需要填写名称。</translation>
    </message>
    <message>
        <source>Use 1–40 characters without spaces, commas, ; or |.</source>
        <translation>请使用 1–40 个字符，不含空格、逗号、; 或 |。</translation>
    </message>
    <message>
        <source>Another label already has the name %1.</source>
        <translation>已有另一个标签名为 %1。</translation>
    </message>
    <message>
        <source>%1 is not a colour like #4e79a7.</source>
        <translation>%1 不是有效的颜色（应形如 #4e79a7）。</translation>
    </message>
    <message>
        <source>The hotkey must be a single key.</source>
        <translation>快捷键必须是单个按键。</translation>
    </message>
    <message>
        <source>%1 already uses this hotkey.</source>
        <translation>%1 已使用这个快捷键。</translation>
    </message>
    <message>
        <source>Add at least one value.</source>
        <translation>请至少添加一个取值。</translation>
    </message>
    <message>
        <source>A value cannot be empty.</source>
        <translation>取值不能为空。</translation>
    </message>
    <message>
        <source>The value %1 is listed twice.</source>
        <translation>取值 %1 出现了两次。</translation>
    </message>
    <message>
        <source>Label schema</source>
        <translation>标签体系</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Loaded %1. Labels with the same name as a saved label keep its annotations; check the changes, then Save.</source>
        <translation>已载入 %1。与现有标签同名的标签会保留原有标注；请检查改动，然后保存。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Entity labels (%1)</source>
        <translation>实体标签（%1）</translation>
    </message>
    <message>
        <source>Relation labels (%1)</source>
        <translation>关系标签（%1）</translation>
    </message>
    <message>
        <source>Document labels (%1)</source>
        <translation>文档标签（%1）</translation>
    </message>
    <message>
        <source>Entity label %1</source>
        <translation>实体标签 %1</translation>
    </message>
    <message>
        <source>Relation label %1</source>
        <translation>关系标签 %1</translation>
    </message>
    <message>
        <source>Document label %1</source>
        <translation>文档标签 %1</translation>
    </message>
    <message>
        <source>Import a label schema</source>
        <translation>导入标签体系</translation>
    </message>
    <message>
        <source>Label schema (*.toml *.json)</source>
        <translation>标签体系（*.toml *.json）</translation>
    </message>
    <message>
        <source>Export the label schema</source>
        <translation>导出标签体系</translation>
    </message>
    <message>
        <source>TOML (*.toml);;JSON (*.json)</source>
        <translation>TOML（*.toml）;;JSON（*.json）</translation>
    </message>
    <message>
        <source>The schema could not be saved; the status bar says why.</source>
        <translation>标签体系未能保存；原因见状态栏。</translation>
    </message>
</context>
<context>
    <name>SkipDialog</name>
    <message>
        <source>not a news article (advertisement, notice, table)</source>
        <translation>不是新闻稿（广告、启事、表格）</translation>
    </message>
    <message>
        <source>OCR text too broken to annotate</source>
        <translation>OCR 文字错乱，无法标注</translation>
    </message>
    <message>
        <source>duplicate of another document</source>
        <translation>与另一篇文档重复</translation>
    </message>
    <message>
        <source>wrongly split or merged article</source>
        <translation>文章拆分或合并有误</translation>
    </message>
    <message>
        <source>unsure: needs a second opinion</source>
        <translation>拿不准：需要他人复核</translation>
    </message>
    <message>
        <source>Skip this document</source>
        <translation>跳过这篇文档</translation>
    </message>
    <message>
        <source>Why skip it? Pick a reason or type your own.</source>
        <translation>为什么跳过？请选择一个原因，或自行填写。</translation>
    </message>
    <message>
        <source>Skip and open the next</source>
        <translation>跳过并打开下一篇</translation>
    </message>
</context>
<context>
    <name>SpanDetails</name>
    <message>
        <source>Tab focuses the next candidate or entity.</source>
        <translation>按 Tab 聚焦下一个候选或实体。</translation>
    </message>
    <message>
        <source>Candidates to review: %1. </source>
        <translation>待审候选：%1 个。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>candidate, not yet decided</source>
        <translation>候选，尚未处理</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="vanished">得分</translation>
    </message>
    <message>
        <source>accepted candidate from %1</source>
        <translation>采纳自 %1 的候选</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>产生方式</translation>
    </message>
    <message>
        <source>By</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>SpanTooltip</name>
    <message>
        <source>Candidate %1 “%2” · %3 · score %4</source>
        <translation>候选 %1“%2” · %3 · 得分 %4</translation>
    </message>
    <message>
        <source>%1 “%2” · by %3</source>
        <translation>%1“%2” · 标注员 %3</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>To do</source>
        <translation>待标注</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
</context>
<context>
    <name>StoreCommand</name>
    <message>
        <source>Label %1 as %2</source>
        <translation>将 %1 标为 %2</translation>
    </message>
    <message>
        <source>Delete %1 %2</source>
        <translation>删除 %1 %2</translation>
    </message>
    <message>
        <source>Resize %1</source>
        <translation>调整 %1 的边界</translation>
    </message>
    <message>
        <source>Relabel %1 as %2</source>
        <translation>将 %1 改标为 %2</translation>
    </message>
    <message>
        <source>Fix and accept %1 %2</source>
        <translation>修正并接受 %1 %2</translation>
    </message>
    <message>
        <source>Accept %1 %2</source>
        <translation>接受 %1 %2</translation>
    </message>
    <message>
        <source>Reject %1 %2</source>
        <translation>拒绝 %1 %2</translation>
    </message>
    <message>
        <source>Relate %1 %2 %3</source>
        <translation>关联 %1 %2 %3</translation>
    </message>
    <message>
        <source>Delete relation %1</source>
        <translation>删除关系 %1</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标为完成</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Mark to do</source>
        <translation>标为待办</translation>
    </message>
    <message>
        <source>Mark in progress</source>
        <translation>标为进行中</translation>
    </message>
    <message>
        <source>Set %1 to %2</source>
        <translation>将 %1 设为 %2</translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation>清除 %1</translation>
    </message>
    <message>
        <source>Merge with %1</source>
        <translation>与 %1 合并</translation>
    </message>
    <message>
        <source>Split the article</source>
        <translation>拆分文章</translation>
    </message>
    <message>
        <source>Move text to %1</source>
        <translation>将文本移到 %1</translation>
    </message>
    <message>
        <source>Label %n occurrence(s) of %1 as %2</source>
        <translation>将 %1 的 %n 处出现标为 %2</translation>
    </message>
    <message>
        <source>Change the label schema</source>
        <translation>修改标签体系</translation>
    </message>
</context>
<context>
    <name>SuggesterDialog</name>
    <message>
        <source>Suggester</source>
        <translation>建议模型</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Retrain automatically after every</source>
        <translation>自动重新训练：每完成</translation>
    </message>
    <message>
        <source> newly finished documents</source>
        <translation> 篇新文档后</translation>
    </message>
    <message>
        <source>Training runs in the background while you work; its progress shows in the status bar. The document you are working on keeps its suggestions until you move on.</source>
        <translation>训练在后台进行，不影响标注；进度显示在状态栏中。正在处理的文档会保留原有的建议，直到您转到其他文档。</translation>
    </message>
    <message>
        <source>Train now</source>
        <translation>立即训练</translation>
    </message>
    <message>
        <source>No model yet: suggestions come from jieba, %1. The suggester learns from the documents you mark done.</source>
        <translation>还没有模型：建议来自 jieba、%1。建议模型会从您标记为完成的文档中学习。</translation>
    </message>
    <message>
        <source>No model yet: suggestions come from the rules, jieba and the gazetteer. The suggester learns from the documents you mark done.</source>
        <translation type="vanished">还没有模型：建议来自规则、jieba 和已标注词表。建议模型会从您标记为完成的文档中学习。</translation>
    </message>
    <message>
        <source>Model version %1, trained %2 on %3 documents with %4 entities. Cross-validated F1: %5.</source>
        <translation>模型版本 %1，于 %2 用 %3 篇文档（%4 个实体）训练。交叉验证 F1：%5。</translation>
    </message>
    <message>
        <source>Documents marked done: %1, with %2 entities.</source>
        <translation>已标记完成的文档：%1 篇，共 %2 个实体。</translation>
    </message>
    <message>
        <source>Training needs at least %1 documents and %2 entities.</source>
        <translation>训练至少需要 %1 篇文档和 %2 个实体。</translation>
    </message>
    <message>
        <source>Finished since this model: %1.</source>
        <translation>该模型训练后新完成：%1 篇。</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>SuggesterJobs</name>
    <message>
        <source>Stopping the training…</source>
        <translation>正在停止训练…</translation>
    </message>
    <message>
        <source>Suggesting with the new model: %1 of %2 documents</source>
        <translation>正在用新模型生成建议：%1 / %2 篇文档</translation>
    </message>
    <message>
        <source>Training the suggester: reading %1 of %2 documents</source>
        <translation>正在训练建议模型：读取文档 %1 / %2</translation>
    </message>
    <message>
        <source>Training the suggester…</source>
        <translation>正在训练建议模型…</translation>
    </message>
    <message>
        <source>Training cancelled; the suggester is as it was.</source>
        <translation>已取消训练；建议模型保持原样。</translation>
    </message>
    <message>
        <source>Suggester retrained on %1 documents (cross-validated F1 %2).</source>
        <translation>建议模型已用 %1 篇文档重新训练（交叉验证 F1 %2）。</translation>
    </message>
    <message>
        <source>This document gets the new suggestions when you move on.</source>
        <translation>当前文档会在您转到其他文档后获得新建议。</translation>
    </message>
    <message>
        <source>Training the suggester failed: %1</source>
        <translation>训练建议模型失败：%1</translation>
    </message>
    <message>
        <source>Bringing the model&apos;s suggestions up to date: %1 of %2 documents</source>
        <translation>正在更新模型的建议：%1 / %2 篇文档</translation>
    </message>
</context>
<context>
    <name>_ChoiceButton</name>
    <message>
        <source>(none yet)</source>
        <translation type="vanished">（暂无）</translation>
    </message>
</context>
<context>
    <name>_DocumentSection</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>used in exports, e.g. topic</source>
        <translation>用于导出，例如 topic</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Add value</source>
        <translation>添加取值</translation>
    </message>
    <message>
        <source>Remove value</source>
        <translation>移除取值</translation>
    </message>
    <message numerus="yes">
        <source>Set on %n documents; renaming carries them along.</source>
        <translation>
            <numerusform>已用于 %n 篇文档；重命名时会一并更新。</numerusform>
        </translation>
    </message>
    <message>
        <source>The value &apos;%1&apos; is set on documents; change them first.</source>
        <translation>取值“%1”已用于一些文档；请先修改这些文档。</translation>
    </message>
    <message>
        <source>No document has this label yet.</source>
        <translation>还没有文档使用这个标签。</translation>
    </message>
    <message numerus="yes">
        <source>Set on %n documents.</source>
        <translation>
            <numerusform>已用于 %n 篇文档。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_EntitySection</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>used in exports, e.g. PER</source>
        <translation>用于导出，例如 PER</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>shown in the app, e.g. 人名</source>
        <translation>在界面中显示，例如 人名</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Hotkey</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>one key</source>
        <translation>一个按键</translation>
    </message>
    <message>
        <source>Label colour</source>
        <translation>标签颜色</translation>
    </message>
    <message>
        <source>No entity uses this label yet.</source>
        <translation>还没有实体使用这个标签。</translation>
    </message>
    <message numerus="yes">
        <source>%n entities use this label.</source>
        <translation>
            <numerusform>有 %n 个实体使用这个标签。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving renames them from %1 to %2.</source>
        <translation>保存时会把它们从 %1 改名为 %2。</translation>
    </message>
</context>
<context>
    <name>_RelationSection</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>头 → 尾</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>used in exports, e.g. works_at</source>
        <translation>用于导出，例如 works_at</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Directed (head → tail differs from tail → head)</source>
        <translation>有方向（头 → 尾 与 尾 → 头 不同）</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头实体</translation>
    </message>
    <message>
        <source>Tails</source>
        <translation>尾实体</translation>
    </message>
    <message>
        <source>Tick none to allow any entity label.</source>
        <translation>全部不勾选表示允许任意实体标签。</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>No relation uses this label yet.</source>
        <translation>还没有关系使用这个标签。</translation>
    </message>
    <message numerus="yes">
        <source>%n relations use this label.</source>
        <translation>
            <numerusform>有 %n 个关系使用这个标签。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving renames them from %1 to %2.</source>
        <translation>保存时会把它们从 %1 改名为 %2。</translation>
    </message>
</context>
<context>
    <name>_Section</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>In use: relabel or delete what uses it first</source>
        <translation>正在使用：请先改标或删除使用它的标注</translation>
    </message>
</context>
<context>
    <name>context</name>
    <message>
        <source>Next candidate or entity</source>
        <translation type="vanished">下一个候选或实体</translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="vanished">审阅</translation>
    </message>
    <message>
        <source>not a news article (advertisement, notice, table)</source>
        <translation type="vanished">不是新闻稿（广告、启事、表格）</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>&amp;0  Clear</source>
        <translation type="vanished">&amp;0  清除</translation>
    </message>
</context>
</TS>
