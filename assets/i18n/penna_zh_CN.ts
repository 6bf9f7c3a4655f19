<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CatalogueDialog</name>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="124"/>
        <source> (accept it on the hub; needs a token)</source>
        <translation>（需在 Hub 上接受许可，并需访问令牌）</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="126"/>
        <source>{approx}{size:.1f} GB</source>
        <translation>{approx}{size:.1f} GB</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="127"/>
        <source>{size:.0f} GB</source>
        <translation>{size:.0f} GB</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="136"/>
        <source>~{speed} tok/s ({precision})</source>
        <translation>~{speed} 词元/秒（{precision}）</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="145"/>
        <source>One {size:.1f} GB GGUF file from {repo}, already quantized: it runs at {precision} here.</source>
        <translation>来自 {repo} 的一个 {size:.1f} GB GGUF 文件，已量化：在本机以 {precision} 运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="148"/>
        <source>{size:.1f} GB of safetensors weights ({count} file(s)) from {repo}, with its configuration and tokenizer; converted to {precision} here the first time it is used.</source>
        <translation>来自 {repo} 的 {size:.1f} GB safetensors 权重（{count} 个文件），附带配置和分词器；首次使用时在本机转换为 {precision}。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="153"/>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="153"/>
        <source>translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="153"/>
        <source>summaries</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="202"/>
        <source>Downloading {name}…</source>
        <translation>正在下载 {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="235"/>
        <source>Downloading {name}: {file} ({index} of {count}), {done:.0f} of {total:.0f} MB</source>
        <translation>正在下载 {name}：{file}（{index}/{count}），{done:.0f} / {total:.0f} MB</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="243"/>
        <source>{name} is ready to use. It is prepared (converted) the first time it is used.</source>
        <translation>{name} 已可使用。首次使用时会进行准备（转换）。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="257"/>
        <source>Paused: {done:.0f} MB of {name} kept. Resume continues from there.</source>
        <translation>已暂停：已保留 {name} 的 {done:.0f} MB。继续时将从此处接着下载。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="269"/>
        <source>Cancelled; the partial download of {name} was deleted.</source>
        <translation>已取消；{name} 未下载完的部分已删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="276"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="276"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="289"/>
        <source>Models worth using</source>
        <translation>推荐模型</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="293"/>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="293"/>
        <source>Good at chat</source>
        <translation>擅长对话</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="294"/>
        <source>Good at translation</source>
        <translation>擅长翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="294"/>
        <source>Good at summaries</source>
        <translation>擅长摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="298"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="298"/>
        <source>The arrow keys choose a model; its details follow the table</source>
        <translation>用方向键选择模型；其详细信息在表格之后</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="299"/>
        <source>Show models good at</source>
        <translation>显示擅长以下任务的模型</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="300"/>
        <source>Fits in this computer&apos;s memory ({size:.0f} GB)</source>
        <translation>适合本机内存（{size:.0f} GB）</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="301"/>
        <source>Fits in this computer&apos;s memory (unknown)</source>
        <translation>适合本机内存（大小未知）</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="302"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="302"/>
        <source>Good at</source>
        <translation>擅长</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="302"/>
        <location filename="../../desktop/catalogue_dialog.py" line="309"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="303"/>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="303"/>
        <source>Speed here</source>
        <translation>本机速度</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="303"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="305"/>
        <source>Memory to run the model at the precision it gets on this computer (the one in the speed column).</source>
        <translation>在本机所用精度（即速度一栏中的精度）下运行该模型所需的内存。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="307"/>
        <source>Expected decode speed at the precision Automatic picks for each model here: the speed measured on the model in use, scaled by the size of the weights.</source>
        <translation>按“自动”在本机为各模型选择的精度预计的解码速度：以当前模型的实测速度为基准，按权重大小折算。</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="310"/>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../../desktop/catalogue_dialog.py" line="311"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../desktop/chat/pane.py" line="109"/>
        <source>Attach documents</source>
        <translation>附加文档</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="111"/>
        <source>Documents (*.pdf *.docx *.html *.htm *.md *.txt *.png *.jpg *.jpeg *.tif *.tiff *.webp);;All files (*)</source>
        <translation>文档 (*.pdf *.docx *.html *.htm *.md *.txt *.png *.jpg *.jpeg *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="154"/>
        <source>Waiting for the model: your message is sent as soon as it is ready.</source>
        <translation>正在等待模型：模型就绪后会立即发送你的消息。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="186"/>
        <source>This message is too long for the model&apos;s context. Shorten it, or split it into several messages.</source>
        <translation>这条消息超出了模型的上下文长度。请缩短它，或拆成几条消息。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="190"/>
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="194"/>
        <source>Prepare the model</source>
        <translation>准备模型</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="196"/>
        <source>The answer failed: {error}. Try again, or choose another model in Settings.</source>
        <translation>回答失败：{error}。请重试，或在设置中选择其他模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="211"/>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="212"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="219"/>
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="220"/>
        <source>Delete “{title}” and all its messages? This cannot be undone.</source>
        <translation>删除“{title}”及其全部消息？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="229"/>
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="231"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="231"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="241"/>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <location filename="../../desktop/chat/session.py" line="107"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/session.py" line="222"/>
        <source>The conversation is longer than the model&apos;s context: the {n} oldest turns were left out of this answer.</source>
        <translation>对话超出了模型的上下文长度：本次回答省略了最早的 {n} 轮。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/session.py" line="342"/>
        <source>The passage this citation points to is gone: its document was removed from the library.</source>
        <translation>此引用指向的段落已不存在：其文档已从文档库中移除。</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="110"/>
        <source>Copy this code</source>
        <translation>复制这段代码</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="111"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/chat/composer.py" line="120"/>
        <source>System prompt for this conversation (optional)</source>
        <translation>本对话的系统提示词（可选）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="121"/>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>输入消息 — Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="122"/>
        <source>Editing an earlier message: sending starts a new branch, the old one is kept.</source>
        <translation>正在编辑之前的消息：发送后会开启新的分支，旧分支保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="123"/>
        <source>Cancel editing</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="124"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="124"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="125"/>
        <source>Stop the answer (Esc)</source>
        <translation>停止回答 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="125"/>
        <source>Send (Enter)</source>
        <translation>发送 (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="126"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="126"/>
        <source>Enter sends, Shift+Enter starts a new line, Tab moves on</source>
        <translation>Enter 发送，Shift+Enter 换行，Tab 移到下一项</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="127"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="127"/>
        <source>Instructions the model follows in this conversation</source>
        <translation>模型在本对话中遵循的指示</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="128"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="129"/>
        <source>Attach documents to this conversation: PDF, Word, HTML, Markdown, text or images (or drop files on the chat)</source>
        <translation>为此对话附加文档：PDF、Word、HTML、Markdown、文本或图片（也可以把文件拖放到聊天中）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="131"/>
        <source>Attach documents</source>
        <translation>附加文档</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="134"/>
        <source>Attach…</source>
        <translation>附加…</translation>
    </message>
</context>
<context>
    <name>DocumentChip</name>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="36"/>
        <source>{pages} pages</source>
        <translation>{pages} 页</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="38"/>
        <source>Take this document out of the conversation (it stays in the library)</source>
        <translation>从此对话中移除该文档（它仍保留在文档库中）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="39"/>
        <source>Remove {name} from the conversation</source>
        <translation>从对话中移除 {name}</translation>
    </message>
</context>
<context>
    <name>DocumentsBar</name>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="104"/>
        <source>Documents:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="105"/>
        <source>Reading {name} (text recognition)…</source>
        <translation>正在读取 {name}（文字识别）…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="105"/>
        <source>Indexing {name}…</source>
        <translation>正在为 {name} 建立索引…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="106"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="107"/>
        <source>Progress of adding the document</source>
        <translation>添加文档的进度</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="108"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="109"/>
        <source>Cancel adding the document</source>
        <translation>取消添加文档</translation>
    </message>
</context>
<context>
    <name>GlobalHotkey</name>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="33"/>
        <source>Global shortcuts need an X11 session; this one is {platform}. Bind “penna translate --selection” to a key in your desktop&apos;s keyboard settings instead.</source>
        <translation>全局快捷键需要 X11 会话；当前会话是 {platform}。请改在桌面的键盘设置中把“penna translate --selection”绑定到一个按键。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="37"/>
        <source>No X11 display is set (DISPLAY is empty).</source>
        <translation>未设置 X11 显示（DISPLAY 为空）。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="91"/>
        <source>The key {key} has no X11 key code; choose another shortcut.</source>
        <translation>按键 {key} 没有对应的 X11 键码；请选择其他快捷键。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="104"/>
        <source>{shortcut} is already taken by another application; choose another shortcut in Settings.</source>
        <translation>{shortcut} 已被其他应用占用；请在设置中选择其他快捷键。</translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message>
        <location filename="../../desktop/history_list.py" line="88"/>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <location filename="../../desktop/history_list.py" line="89"/>
        <source>Search: {heading}</source>
        <translation>搜索：{heading}</translation>
    </message>
    <message>
        <location filename="../../desktop/history_list.py" line="90"/>
        <source>Enter opens the entry</source>
        <translation>Enter 打开该条目</translation>
    </message>
    <message>
        <location filename="../../desktop/history_list.py" line="91"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>LanguageBox</name>
    <message>
        <location filename="../../desktop/language_box.py" line="29"/>
        <source>{language} (no font for its script)</source>
        <translation>{language}（没有显示该文字的字体）</translation>
    </message>
    <message>
        <location filename="../../desktop/language_box.py" line="31"/>
        <source>No font on this computer shows this script: install one (for example from the Noto fonts, such as Debian&apos;s fonts-noto-cjk) to read it. Translating into it still works.</source>
        <translation>这台电脑上没有能显示这种文字的字体：请安装一款（例如 Noto 字体，如 Debian 的 fonts-noto-cjk）才能阅读。翻译成这种语言仍然可用。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="281"/>
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="282"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="282"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="282"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="285"/>
        <source>{pane} (Ctrl+{key})</source>
        <translation>{pane} (Ctrl+{key})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="287"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="287"/>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="287"/>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="288"/>
        <source>Regenerate the last answer</source>
        <translation>重新生成上一个回答</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="288"/>
        <location filename="../../desktop/main_window.py" line="292"/>
        <location filename="../../desktop/main_window.py" line="293"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="288"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="294"/>
        <source>Panes</source>
        <translation>窗格</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="294"/>
        <source>Chat, Translate and Summarize: the arrow keys switch (Ctrl+1, Ctrl+2, Ctrl+3)</source>
        <translation>聊天、翻译和摘要：用方向键切换（Ctrl+1、Ctrl+2、Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="295"/>
        <source>Model, tasks, appearance, server and shortcut (Ctrl+,)</source>
        <translation>模型、任务、外观、服务器和快捷键（Ctrl+,）</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="357"/>
        <source>Penna answered: {answer}</source>
        <translation>Penna 回答：{answer}</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="388"/>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="388"/>
        <source>The arrow and Page keys scroll it</source>
        <translation>用方向键和翻页键滚动</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="390"/>
        <source>Ask anything: the answer is written on this computer, and nothing leaves it.

For example:
“Explain what a hash table is, in two sentences.”
“Write a friendly reply declining an invitation to dinner.”
“Give me three ideas for a rainy Sunday.”</source>
        <translation>尽管提问：回答在这台电脑上生成，任何内容都不会离开本机。

例如：
“用两句话解释什么是哈希表。”
“写一段友好的回复，婉拒晚餐邀请。”
“给我三个下雨的周日可以做的事。”</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="261"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="261"/>
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="261"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="263"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="263"/>
        <source>cut off at the length limit</source>
        <translation>达到长度上限被截断</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="263"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="265"/>
        <location filename="../../desktop/chat/message_view.py" line="267"/>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="266"/>
        <location filename="../../desktop/chat/message_view.py" line="268"/>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="270"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="271"/>
        <source>Edit this message and send it again; the old version is kept</source>
        <translation>编辑此消息并重新发送；旧版本会保留</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="272"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="273"/>
        <source>Write this answer again (Ctrl+Shift+R)</source>
        <translation>重新写这个回答 (Ctrl+Shift+R)</translation>
    </message>
</context>
<context>
    <name>ModelAdvice</name>
    <message>
        <location filename="../../desktop/model_advice.py" line="20"/>
        <source> ({size:.0f}M parameters)</source>
        <translation>（{size:.0f}M 参数）</translation>
    </message>
    <message>
        <location filename="../../desktop/model_advice.py" line="23"/>
        <source>The model in use, {model}{size}, is too small to summarise well: check its summaries against the text.</source>
        <translation>当前模型 {model}{size} 太小，摘要效果不佳：请对照原文核对它写的摘要。</translation>
    </message>
    <message>
        <location filename="../../desktop/model_advice.py" line="25"/>
        <source>The model in use, {model}{size}, is too small to translate well.</source>
        <translation>当前模型 {model}{size} 太小，翻译效果不佳。</translation>
    </message>
    <message>
        <location filename="../../desktop/model_advice.py" line="29"/>
        <source>Add a model of 1.5B parameters or more in Settings.</source>
        <translation>请在设置中添加参数量不低于 1.5B 的模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/model_advice.py" line="30"/>
        <source>{name} summarises much better ({download:.1f} GB download, {ram:.0f} GB of memory).</source>
        <translation>{name} 的摘要效果好得多（下载 {download:.1f} GB，需 {ram:.0f} GB 内存）。</translation>
    </message>
    <message>
        <location filename="../../desktop/model_advice.py" line="32"/>
        <source>{name} translates much better ({download:.1f} GB download, {ram:.0f} GB of memory).</source>
        <translation>{name} 的翻译效果好得多（下载 {download:.1f} GB，需 {ram:.0f} GB 内存）。</translation>
    </message>
    <message>
        <location filename="../../desktop/model_advice.py" line="36"/>
        <source>Download {name}</source>
        <translation>下载 {name}</translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <location filename="../../desktop/model_session.py" line="147"/>
        <source>The model has not been prepared yet. Choose “Prepare the model”, or send a message, to start again.</source>
        <translation>模型尚未准备好。请点击“准备模型”或发送一条消息，重新开始。</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../desktop/notice.py" line="51"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PassagePanel</name>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="146"/>
        <source>Cited passage</source>
        <translation>引用的段落</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/documents_bar.py" line="147"/>
        <location filename="../../desktop/chat/documents_bar.py" line="148"/>
        <source>Close the passage</source>
        <translation>关闭段落</translation>
    </message>
</context>
<context>
    <name>PennaStatusBar</name>
    <message>
        <location filename="../../desktop/status_bar.py" line="92"/>
        <source>Model: {name}</source>
        <translation>模型：{name}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="92"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="95"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="95"/>
        <source>Preparing the model…</source>
        <translation>正在准备模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="96"/>
        <source>Model not loaded</source>
        <translation>模型未加载</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="100"/>
        <source>{device} (fallback)</source>
        <translation>{device}（回退）</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="104"/>
        <source>The device the model runs on</source>
        <translation>模型运行所在的设备</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="105"/>
        <source>Answers from {url}</source>
        <translation>回答来自 {url}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="106"/>
        <source>Answers from the local model</source>
        <translation>回答来自本地模型</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="107"/>
        <source>Serving at {url}</source>
        <translation>正在提供服务：{url}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="109"/>
        <source>The precision of the model&apos;s weights (change it in Settings)</source>
        <translation>模型权重的精度（可在设置中更改）</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="113"/>
        <source>{speed:.1f} tok/s · {prompt} in, {completion} out</source>
        <translation>{speed:.1f} 词元/秒 · 输入 {prompt}，输出 {completion}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="123"/>
        <source>Context %p%</source>
        <translation>上下文 %p%</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="123"/>
        <source>Context &lt;1%</source>
        <translation>上下文 &lt;1%</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="124"/>
        <source>{used} of {total} tokens of the model&apos;s context are used</source>
        <translation>已使用模型上下文 {total} 个词元中的 {used} 个</translation>
    </message>
</context>
<context>
    <name>PennaTray</name>
    <message>
        <location filename="../../desktop/selection/tray.py" line="60"/>
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="61"/>
        <source>Writing tools on the selection</source>
        <translation>对选中文本使用写作工具</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="62"/>
        <source>Translate selection</source>
        <translation>翻译选中文本</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="63"/>
        <source>Translate clipboard</source>
        <translation>翻译剪贴板</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="64"/>
        <source>Translate a screen region…</source>
        <translation>翻译屏幕区域…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="65"/>
        <source>Show Penna</source>
        <translation>显示 Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="65"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="66"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>PortalScreenshot</name>
    <message>
        <location filename="../../desktop/selection/portal_screenshot.py" line="64"/>
        <source>Penna cannot see the screen: this desktop offers no screenshot portal (xdg-desktop-portal). Select the text and use Translate selection instead.</source>
        <translation>Penna 无法读取屏幕：此桌面没有提供截图门户（xdg-desktop-portal）。请选中文字，改用“翻译选中文本”。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/portal_screenshot.py" line="74"/>
        <source>The desktop refused to take a screenshot for Penna. Select the text and use Translate selection instead.</source>
        <translation>桌面拒绝为 Penna 截图。请选中文字，改用“翻译选中文本”。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/portal_screenshot.py" line="77"/>
        <source>The desktop&apos;s screenshot could not be read. Select the text and use Translate selection instead.</source>
        <translation>无法读取桌面提供的截图。请选中文字，改用“翻译选中文本”。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/portal_screenshot.py" line="84"/>
        <source>The desktop&apos;s screenshot portal failed ({detail}). Select the text and use Translate selection instead.</source>
        <translation>桌面的截图门户出错（{detail}）。请选中文字，改用“翻译选中文本”。</translation>
    </message>
</context>
<context>
    <name>PortalShortcuts</name>
    <message>
        <location filename="../../desktop/selection/portal_shortcuts.py" line="71"/>
        <source>The desktop portal refused the global shortcuts ({detail}); bind “penna write ACTION --selection” in your desktop&apos;s keyboard settings instead.</source>
        <translation>桌面门户拒绝了全局快捷键（{detail}）；请改为在桌面的键盘设置中绑定 “penna write 操作 --selection”。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/portal_shortcuts.py" line="76"/>
        <source>The global shortcuts were not allowed; bind “penna write ACTION --selection” in your desktop&apos;s keyboard settings instead.</source>
        <translation>全局快捷键未获允许；请改为在桌面的键盘设置中绑定 “penna write 操作 --selection”。</translation>
    </message>
</context>
<context>
    <name>PreparationBanner</name>
    <message>
        <location filename="../../desktop/first_run.py" line="86"/>
        <source>De-quantize</source>
        <translation>反量化</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="86"/>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="87"/>
        <source>Export to ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="88"/>
        <source>Quantize the weights to {bits} bits</source>
        <translation>将权重量化为 {bits} 位</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="166"/>
        <source>The model is not ready</source>
        <translation>模型尚未就绪</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="168"/>
        <source>Prepare the model</source>
        <translation>准备模型</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="172"/>
        <source>Preparing the model for this computer (only the first time). You can look around and type meanwhile.</source>
        <translation>正在为这台电脑准备模型（仅首次需要）。期间你可以随意浏览和输入。</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="175"/>
        <source>about {seconds} s left</source>
        <translation>约剩 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="178"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="178"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../../desktop/selection/region.py" line="73"/>
        <source>Drag over the text to translate (Esc: cancel)</source>
        <translation>拖动框选要翻译的文字（Esc：取消）</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/region.py" line="74"/>
        <source>Choose a region of the screen to translate</source>
        <translation>选择要翻译的屏幕区域</translation>
    </message>
</context>
<context>
    <name>RemoteGroup</name>
    <message>
        <location filename="../../desktop/remote_settings.py" line="23"/>
        <source>Answers come from</source>
        <translation>回答来源</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="24"/>
        <source>This computer&apos;s model</source>
        <translation>本机模型</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="25"/>
        <source>A server (OpenAI-compatible: vLLM, Ollama, penna serve…)</source>
        <translation>服务器（兼容 OpenAI：vLLM、Ollama、penna serve…）</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="33"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="36"/>
        <source>Fetch models</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="46"/>
        <source>Server URL:</source>
        <translation>服务器 URL：</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="47"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="48"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="50"/>
        <source>Model on the server</source>
        <translation>服务器上的模型</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="80"/>
        <source>Asking {url}…</source>
        <translation>正在请求 {url}…</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="91"/>
        <source>{count} models offered.</source>
        <translation>共有 {count} 个可用模型。</translation>
    </message>
</context>
<context>
    <name>Replacer</name>
    <message>
        <location filename="../../desktop/selection/replace.py" line="135"/>
        <source>Copied. On Wayland Penna cannot paste into another application: press Ctrl+V there to replace the selection.</source>
        <translation>已复制。在 Wayland 上 Penna 无法粘贴到其他应用程序中：请在那里按 Ctrl+V 替换选中的文本。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/replace.py" line="139"/>
        <source>Copied: this text did not come from a selection in another window. Press Ctrl+V where you want it.</source>
        <translation>已复制：这段文本不是来自其他窗口中的选中内容。请在需要的位置按 Ctrl+V。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/replace.py" line="144"/>
        <source>Copied. The window the text came from is gone, so Penna did not paste it anywhere: press Ctrl+V where you want it.</source>
        <translation>已复制。文本所在的窗口已经关闭，因此 Penna 没有把它粘贴到任何地方：请在需要的位置按 Ctrl+V。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/replace.py" line="168"/>
        <source>Copied. The window the text came from did not take the focus, so Penna did not paste: press Ctrl+V where you want it.</source>
        <translation>已复制。文本所在的窗口没有获得焦点，因此 Penna 没有粘贴：请在需要的位置按 Ctrl+V。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/replace.py" line="200"/>
        <source>The application did not take the text in time; nothing was pasted.</source>
        <translation>该应用程序没有及时取走文本；没有粘贴任何内容。</translation>
    </message>
</context>
<context>
    <name>SelectionActions</name>
    <message>
        <location filename="../../desktop/selection/controller.py" line="69"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="115"/>
        <source>Reading the text in the region…</source>
        <translation>正在识别区域中的文字…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="143"/>
        <source>Nothing is selected. Select some text, then try again.</source>
        <translation>没有选中任何文本。请先选中一些文本，然后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="145"/>
        <source>Translating…</source>
        <translation>正在翻译…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="145"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="180"/>
        <source>Result: {text}</source>
        <translation>结果：{text}</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="180"/>
        <source>Translation: {text}</source>
        <translation>译文：{text}</translation>
    </message>
</context>
<context>
    <name>SelectionPopup</name>
    <message>
        <location filename="../../desktop/selection/popup.py" line="160"/>
        <source>{language} (detected)</source>
        <translation>{language}（检测到）</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="160"/>
        <source>Unknown language</source>
        <translation>未知语言</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="246"/>
        <source>{action} (key {key})</source>
        <translation>{action}（按键 {key}）</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="247"/>
        <source>Selected text</source>
        <translation>选中的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="248"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="250"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="251"/>
        <source>Replace the selection with the result</source>
        <translation>用结果替换选中的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="252"/>
        <source>Paste the result over the selected text (Enter)</source>
        <translation>把结果粘贴到选中的文本上（Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="253"/>
        <location filename="../../desktop/selection/popup.py" line="254"/>
        <source>Open in Penna</source>
        <translation>在 Penna 中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="255"/>
        <source>Penna: writing tools on the selection</source>
        <translation>Penna：选中文本的写作工具</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="255"/>
        <source>Esc closes it</source>
        <translation>按 Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="256"/>
        <source>⚠ This result may be wrong: check it before you use it.</source>
        <translation>⚠ 这个结果可能有误：使用前请先检查。</translation>
    </message>
</context>
<context>
    <name>ServerControl</name>
    <message>
        <location filename="../../desktop/server_control.py" line="38"/>
        <source>The model is not loaded yet: wait until it is ready, then start the server.</source>
        <translation>模型尚未加载：请等它就绪后再启动服务器。</translation>
    </message>
</context>
<context>
    <name>ServerGroup</name>
    <message>
        <location filename="../../desktop/remote_settings.py" line="103"/>
        <source>Serve this model (OpenAI API)</source>
        <translation>以 OpenAI API 提供此模型</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="108"/>
        <source>0 picks a free port</source>
        <translation>0 表示自动选择空闲端口</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="118"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="131"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="131"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="133"/>
        <source>Serving at {url}</source>
        <translation>正在提供服务：{url}</translation>
    </message>
    <message>
        <location filename="../../desktop/remote_settings.py" line="133"/>
        <source>Not serving.</source>
        <translation>未在提供服务。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="79"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="84"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="85"/>
        <source>Add .gguf file…</source>
        <translation>添加 .gguf 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="87"/>
        <source>Browse models to download…</source>
        <translation>浏览可下载的模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="96"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="96"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="96"/>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA 显卡）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="98"/>
        <source>Automatic (by device and model size)</source>
        <translation>自动（按设备和模型大小）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="98"/>
        <source>fp32 (exact, slowest)</source>
        <translation>fp32（精确，最慢）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="99"/>
        <source>int8 (half the size, about twice as fast)</source>
        <translation>int8（体积减半，约快一倍）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="100"/>
        <source>fp16 (CUDA only)</source>
        <translation>fp16（仅限 CUDA）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="100"/>
        <source>int4 (smallest and fastest; less exact on small models)</source>
        <translation>int4（最小最快；小模型上不够精确）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="101"/>
        <source>Automatic: fp16 on CUDA; on the CPU fp32 for small models, int8 from 500M parameters, int4 from a billion</source>
        <translation>自动：CUDA 上用 fp16；CPU 上小模型用 fp32，5 亿参数起用 int8，十亿参数起用 int4</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="107"/>
        <source>0 always picks the likeliest word</source>
        <translation>0 表示总是选择可能性最高的词</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="109"/>
        <source>0 turns top-k off</source>
        <translation>0 表示关闭 top-k</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="113"/>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="124"/>
        <source>Keep running in the tray when the window is closed</source>
        <translation>关闭窗口后在系统托盘中继续运行</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="125"/>
        <source>Start in the tray when I log in</source>
        <translation>登录时在系统托盘中启动</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="137"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="137"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="137"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="141"/>
        <location filename="../../desktop/settings_dialog.py" line="189"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="143"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="159"/>
        <source>Models for the tasks</source>
        <translation>各任务使用的模型</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="161"/>
        <source>Translate with:</source>
        <translation>翻译模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="162"/>
        <source>Summarize with:</source>
        <translation>摘要模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="150"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="120"/>
        <source>Global shortcut</source>
        <translation>全局快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="121"/>
        <source>Press the keys to use; the clear button removes the shortcut</source>
        <translation>按下要使用的按键；清除按钮会删除该快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="121"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="127"/>
        <source>This desktop shows no system tray, so Penna cannot stay in it or start in it: these two options are off. Penna runs as a window.</source>
        <translation>此桌面没有系统托盘，Penna 无法驻留或启动到托盘中，因此这两个选项已关闭。Penna 将以窗口方式运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="138"/>
        <source>Simplified Chinese (no font for its script)</source>
        <translation>简体中文（没有显示该文字的字体）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="152"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="153"/>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="155"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="155"/>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="156"/>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="156"/>
        <source>Repetition penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="157"/>
        <source>Max new tokens:</source>
        <translation>最大生成词元数：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="157"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="163"/>
        <source>Translating the selection</source>
        <translation>翻译选中文本</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="165"/>
        <source>Translate into:</source>
        <translation>翻译为：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="166"/>
        <source>Text already in that language into:</source>
        <translation>文本已是该语言时翻译为：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="167"/>
        <source>Global shortcut and tray</source>
        <translation>全局快捷键与托盘</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="169"/>
        <source>Global shortcut:</source>
        <translation>全局快捷键：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="175"/>
        <location filename="../../desktop/settings_dialog.py" line="192"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="177"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="178"/>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="190"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="191"/>
        <source>Writing actions</source>
        <translation>写作操作</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="193"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="194"/>
        <source>Shortcut and tray</source>
        <translation>快捷键与托盘</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="243"/>
        <source>CUDA cannot be used on this computer: no usable NVIDIA GPU and CUDA libraries were found. Penna runs on the CPU.</source>
        <translation>这台电脑无法使用 CUDA：未找到可用的 NVIDIA GPU 和 CUDA 库。Penna 将在 CPU 上运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="256"/>
        <source>Translates the text selected in any application while Penna runs. Without it, bind “penna translate --selection” in your desktop&apos;s settings.</source>
        <translation>Penna 运行时，可翻译任何应用中选中的文本。若不可用，请在桌面设置中绑定“penna translate --selection”。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="270"/>
        <source>The chat&apos;s model</source>
        <translation>与对话模型相同</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="342"/>
        <source>Choose a Hugging Face model folder</source>
        <translation>选择 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="347"/>
        <source>Choose a .gguf file</source>
        <translation>选择 .gguf 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="347"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="372"/>
        <source>Adding {source}…</source>
        <translation>正在添加 {source}…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="394"/>
        <source>Added {name}. It is prepared the first time it is used.</source>
        <translation>已添加 {name}。首次使用时会进行准备。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="139"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="140"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="140"/>
        <source>Pin to the top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="141"/>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="142"/>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="143"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="152"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="153"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="154"/>
        <source>Search all chats (Ctrl+F)</source>
        <translation>搜索全部对话 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="155"/>
        <source>Nothing found.</source>
        <translation>没有找到结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="156"/>
        <source>Search all chats</source>
        <translation>搜索所有聊天</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="157"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="158"/>
        <source>Conversations</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="158"/>
        <source>Enter opens one; F2 renames it, Delete deletes it, the menu key or Shift+F10 shows all its actions</source>
        <translation>Enter 打开对话；F2 重命名，Delete 删除，菜单键或 Shift+F10 显示全部操作</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="159"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="159"/>
        <source>Enter opens the conversation at the match</source>
        <translation>Enter 在匹配处打开对话</translation>
    </message>
</context>
<context>
    <name>SummarizePane</name>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="92"/>
        <source>Past summaries</source>
        <translation>历史摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="140"/>
        <source>Waiting for the model to load…</source>
        <translation>正在等待模型加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="158"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="195"/>
        <source>Documents ({patterns})</source>
        <translation>文档 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="217"/>
        <source>{count} documents together: {names}</source>
        <translation>{count} 个文档一起：{names}</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="220"/>
        <source>{name}: {count} characters</source>
        <translation>{name}：{count} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="223"/>
        <source>Pasted text: {count} characters</source>
        <translation>粘贴的文本：{count} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="224"/>
        <source>Paste text below, or open or drop a document.</source>
        <translation>在下方粘贴文本，或打开、拖入一个文档。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="264"/>
        <source>Reading the text…</source>
        <translation>正在读取文本…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="268"/>
        <source>writing the summary</source>
        <translation>撰写摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="268"/>
        <source>summarising each part, then combining</source>
        <translation>逐段摘要，再合并</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="269"/>
        <source>Step {current} of {total}: {stage}</source>
        <translation>第 {current}/{total} 步：{stage}</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="276"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="288"/>
        <source>Cancelled. The partial summary is shown but not kept in the history.</source>
        <translation>已取消。部分摘要仅作显示，不会保存到历史记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="289"/>
        <source>Cancelled before any of the summary was written.</source>
        <translation>已取消，尚未生成任何摘要内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="321"/>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="338"/>
        <source>Save the summary</source>
        <translation>保存摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="340"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="348"/>
        <location filename="../../desktop/summarize/pane.py" line="370"/>
        <source>Summary of {title}</source>
        <translation>{title} 的摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="348"/>
        <location filename="../../desktop/summarize/pane.py" line="418"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="352"/>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="393"/>
        <source>The model wrote no summary of this text, only placeholders or nothing; a larger model summarises better.</source>
        <translation>模型没有写出这段文本的摘要，只有占位符或什么都没有；更大的模型摘要效果更好。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="404"/>
        <source>Paste the text to summarise here, or open or drop a document.</source>
        <translation>在此粘贴要摘要的文本，或打开、拖入一个文档。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="405"/>
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="405"/>
        <source>Style:</source>
        <translation>样式：</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="405"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="407"/>
        <source>Short</source>
        <translation>简短</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="407"/>
        <source>Medium</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="407"/>
        <source>Long</source>
        <translation>详细</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="408"/>
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="408"/>
        <source>Bullet points</source>
        <translation>要点列表</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="412"/>
        <source>Same as the text</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="413"/>
        <source>Summarize</source>
        <translation>生成摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="417"/>
        <source>Text to summarise</source>
        <translation>要摘要的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="417"/>
        <source>Paste text here, or open a document with Open file</source>
        <translation>在此粘贴文本，或用“打开文件”打开文档</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="419"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="419"/>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="420"/>
        <source>Language of the summary</source>
        <translation>摘要的语言</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="276"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="193"/>
        <source>Open documents</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="385"/>
        <source>The model began to repeat itself; the summary was cut off there.</source>
        <translation>模型开始重复自己的话，摘要已在该处截断。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="386"/>
        <source>The summary reached its length limit; its unfinished last sentence was left out. A longer length may say more.</source>
        <translation>摘要达到了长度上限，未写完的最后一句已删去。选择更长的篇幅可以写得更多。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="388"/>
        <source>The summary reached its length limit and ends mid-sentence.</source>
        <translation>摘要达到了长度上限，在句子中间结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="389"/>
        <source>The summary shares almost no words with the text: it may not be about it. Check it against the text; a larger model summarises better.</source>
        <translation>摘要与原文几乎没有共同的词语，可能与原文无关。请对照原文核对；更大的模型摘要效果更好。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="391"/>
        <source>The summary repeats the instructions instead of summarising the text; a larger model summarises better.</source>
        <translation>摘要只是复述了指令，没有概括原文；更大的模型摘要效果更好。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="403"/>
        <source>Open files…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="414"/>
        <source>The summary appears here</source>
        <translation>摘要将显示在这里</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="416"/>
        <source>Save as Markdown…</source>
        <translation>另存为 Markdown…</translation>
    </message>
</context>
<context>
    <name>TextActions</name>
    <message>
        <location filename="../../desktop/text_actions.py" line="57"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/text_actions.py" line="62"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/text_actions.py" line="63"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/text_actions.py" line="72"/>
        <source>Writing tools</source>
        <translation>写作工具</translation>
    </message>
</context>
<context>
    <name>ThinkingBlock</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="140"/>
        <source>Thinking</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="141"/>
        <source>Show or hide what the model thought before answering</source>
        <translation>显示或隐藏模型在回答前的思考</translation>
    </message>
</context>
<context>
    <name>TranslatePane</name>
    <message>
        <location filename="../../desktop/translate/pane.py" line="67"/>
        <source>Recent translations and writing</source>
        <translation>最近的翻译与写作</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="101"/>
        <source>Waiting for the model to load…</source>
        <translation>正在等待模型加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="121"/>
        <source>Translating…</source>
        <translation>正在翻译…</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="146"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="149"/>
        <source>Done, by a model too small to translate well: check the result before you use it.</source>
        <translation>完成。但所用模型太小，翻译效果不佳：使用前请核对结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="152"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="161"/>
        <source>Translation: {text}</source>
        <translation>译文：{text}</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="170"/>
        <source>⚠ This result may be wrong (it changed more than asked, or is not in the language of the text). Check it before you copy it; a larger model writes better.</source>
        <translation>⚠ 这个结果可能有误（改动超出了要求，或者不是原文的语言）。复制前请先检查；更大的模型写得更好。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="172"/>
        <source>⚠ This translation may be wrong (not in the language asked for, or empty). Check it before you copy it; a larger model translates better.</source>
        <translation>⚠ 此译文可能有误（不是所要求的语言，或为空）。复制前请先检查；更大的模型翻译效果更好。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="218"/>
        <source>{action} of the text on the left.</source>
        <translation>左侧文本的{action}结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="229"/>
        <source>Auto: {language}</source>
        <translation>自动：{language}</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="230"/>
        <source>Detect language</source>
        <translation>检测语言</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="231"/>
        <location filename="../../desktop/translate/pane.py" line="242"/>
        <source>Language of the text</source>
        <translation>文本的语言</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="232"/>
        <location filename="../../desktop/translate/pane.py" line="243"/>
        <source>Translate into</source>
        <translation>翻译为</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="233"/>
        <location filename="../../desktop/translate/pane.py" line="244"/>
        <source>Swap the languages</source>
        <translation>交换语言</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="235"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="235"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="236"/>
        <source>Translate (Ctrl+Enter)</source>
        <translation>翻译 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="237"/>
        <source>Type or paste the text to translate</source>
        <translation>输入或粘贴要翻译的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="238"/>
        <source>The translation appears here</source>
        <translation>译文将显示在这里</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="240"/>
        <source>Text to translate</source>
        <translation>要翻译的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="240"/>
        <source>Ctrl+Enter translates</source>
        <translation>Ctrl+Enter 翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="241"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../desktop/welcome.py" line="128"/>
        <source>Downloading {name}: {done:.0f} of {total:.0f} MB. You can keep using Penna meanwhile.</source>
        <translation>正在下载 {name}：{done:.0f} / {total:.0f} MB。下载期间可以继续使用 Penna。</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="158"/>
        <source>No model of the catalogue fits this computer&apos;s memory; the built-in model stays.</source>
        <translation>模型目录中没有适合本机内存的模型；将继续使用内置模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="162"/>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="162"/>
        <source>translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="162"/>
        <source>summaries</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="164"/>
        <source>an NVIDIA GPU</source>
        <translation>NVIDIA GPU</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="165"/>
        <source>{memory:.0f} GB of memory, no usable GPU</source>
        <translation>{memory:.0f} GB 内存，无可用 GPU</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="166"/>
        <source>no usable GPU</source>
        <translation>无可用 GPU</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="169"/>
        <source>For this computer ({machine}) the catalogue recommends {name}: good at {tasks}; a {size:.1f} GB download (about {minutes} min at {speed} Mbit/s), {ram:.0f} GB of memory to run.</source>
        <translation>针对这台电脑（{machine}），模型目录推荐 {name}：擅长{tasks}；下载 {size:.1f} GB（按 {speed} Mbit/s 计约 {minutes} 分钟），运行需 {ram:.0f} GB 内存。</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="175"/>
        <source>Welcome to Penna</source>
        <translation>欢迎使用 Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="176"/>
        <source>The built-in model (SmolLM2, 135M parameters) is here so that you can try Penna offline right away: it chats and summarises short English texts, but it is too small to translate or to summarise long documents well.</source>
        <translation>内置模型（SmolLM2，1.35 亿参数）让你可以立即离线试用 Penna：它能对话、为简短的英文文本写摘要，但模型太小，翻译和长文档摘要效果不佳。</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="182"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="183"/>
        <source>Download {name}</source>
        <translation>下载 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="185"/>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="188"/>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="189"/>
        <source>Keep the built-in model; Settings → Browse models offers others later.</source>
        <translation>继续使用内置模型；之后可在“设置 → 浏览可下载的模型”中选择其他模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="191"/>
        <source>The download failed: {error}</source>
        <translation>下载失败：{error}</translation>
    </message>
</context>
<context>
    <name>WritingAction</name>
    <message>
        <location filename="../../desktop/selection/popup.py" line="33"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="33"/>
        <source>Proofread</source>
        <translation>校对</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="34"/>
        <source>Shorter</source>
        <translation>更简短</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="34"/>
        <source>Longer</source>
        <translation>更详细</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="35"/>
        <source>More formal</source>
        <translation>更正式</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="35"/>
        <source>Friendlier</source>
        <translation>更友好</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="36"/>
        <source>Simpler</source>
        <translation>更简单</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="36"/>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="37"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>WritingActionsGroup</name>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="103"/>
        <source>My action {number}</source>
        <translation>我的操作 {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="104"/>
        <source>Rewrite this as a short poem: {text}</source>
        <translation>把这段文字改写成一首短诗：{text}</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="122"/>
        <source>Two actions have the same name; give each its own.</source>
        <translation>有两个操作同名；请给每个操作起不同的名字。</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="133"/>
        <location filename="../../desktop/writing_actions_group.py" line="138"/>
        <source>Your own writing actions</source>
        <translation>你自己的写作操作</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="134"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="135"/>
        <source>Add a writing action</source>
        <translation>添加写作操作</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="136"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="137"/>
        <source>Remove the writing action</source>
        <translation>删除这个写作操作</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="139"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="139"/>
        <source>Prompt:</source>
        <translation>提示词：</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="139"/>
        <source>Own shortcut:</source>
        <translation>专用快捷键：</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="143"/>
        <source>Own shortcut</source>
        <translation>专属快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="144"/>
        <source>Press the keys to use; the clear button removes the shortcut</source>
        <translation>按下要使用的按键；清除按钮会删除该快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="144"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="145"/>
        <source>Put {text} where the selected text goes</source>
        <translation>在选中文本应出现的位置写上 {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/writing_actions_group.py" line="146"/>
        <source>They appear in the selection popup, the tray and the context menu, and in the terminal as “penna write NAME”. {text} is the selected text; {language}, if used, the language to write in.</source>
        <translation>它们会出现在选中文本的弹出窗口、托盘菜单和右键菜单中，在终端里则是 “penna write 名称”。{text} 是选中的文本；{language}（如果使用）是要使用的写作语言。</translation>
    </message>
</context>
<context>
    <name>_CopiesText</name>
    <message>
        <location filename="../../desktop/copy_button.py" line="29"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../desktop/copy_button.py" line="35"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
</TS>
