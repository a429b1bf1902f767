# Lời của flowdeck bằng tiếng Việt. Mỗi khoá ở đây cũng có trong tệp tiếng Anh.

## Các thẻ
tab-compose = Soạn
tab-queue = Hàng đợi
tab-history = Lịch sử
tab-accounts = Tài khoản
tab-settings = Cài đặt

## Khung cửa sổ quanh các màn hình
last-batch = Lô gần nhất: { $done }/{ $total } video đã lưu
starting = Đang khởi động…
could-not-start = flowdeck không khởi động được
could-not-start-help = Hãy sửa tệp cài đặt nêu ở trên (hoặc chạy `flowdeck accounts list`), rồi khởi động lại.

## Ảnh lớn của một video
preview-decoding = Đang giải mã khung hình đầu…
preview-none = Không có ảnh: { $why }
preview-play = Phát
preview-show-in-folder = Mở thư mục chứa
close = Đóng
cancel-esc = Huỷ  (Esc)

## Soạn
compose-prompts = Lời nhắc
compose-per-paragraph = mỗi đoạn một cảnh
compose-per-line = mỗi dòng một cảnh
compose-paragraphs = Theo đoạn
compose-import-button = Nhập… (Ctrl+O)
compose-placeholder =
    Mỗi dòng một cảnh, ví dụ
    Ngọn hải đăng trên bờ đá lúc bình minh, góc rộng điện ảnh
compose-model = Mô hình
compose-aspect = Khung hình
compose-copies = Số bản
compose-seconds = Số giây
compose-resolution = Độ phân giải
compose-seed = Hạt giống
compose-mode = Chế độ
compose-seed-random = Ngẫu nhiên
compose-seed-fixed = Cố định
compose-seed-placeholder = hạt giống
compose-parallel = Song song
compose-sequential = Lần lượt
compose-output-folder = Thư mục lưu
compose-folder-placeholder = thư mục chứa video
compose-browse = Chọn…
compose-accounts = Tài khoản
compose-no-accounts = chưa có: thêm một tài khoản ở thẻ Tài khoản
compose-prompt-file = Tệp lời nhắc
compose-import = Nhập
compose-note = Lưu ý: { $text }
compose-generate = Tạo video  (Ctrl+Enter)
compose-generate-more = Tạo thêm  (Ctrl+Enter)
compose-estimate-empty = Hãy viết mỗi dòng một cảnh.
compose-estimate-uniform = { $scenes } cảnh × { $copies } bản = { $videos } video
compose-estimate-mixed = { $scenes } cảnh, { $videos } video
compose-estimate-credits = , khoảng { $credits } tín dụng
compose-estimate-usd = , khoảng { $usd } trên Gemini API
compose-estimate-usd-also = (hoặc khoảng { $usd } trên Gemini API)
compose-estimate-accounts = , trên { $accounts } tài khoản
compose-cannot-run = { $account } không chạy được: { $why }
compose-short-of-credits = { $account } còn { $credits } tín dụng; phần của nó cần khoảng { $share } (các tài khoản khác sẽ làm tiếp khi nó hết)
compose-not-ultra = { $account } không dùng gói Ultra mà { $key } cần
compose-no-folder-dialog = Không mở được hộp chọn thư mục ở đây ({ $why }): hãy gõ thư mục vào ô Thư mục lưu.
compose-no-file-dialog = Không mở được hộp chọn tệp ở đây ({ $why }): hãy gõ đường dẫn tệp lời nhắc bên dưới.
compose-type-a-path = Hãy gõ đường dẫn của một tệp lời nhắc ({ $kinds }).
compose-imported = Đã nhập { $scenes } cảnh từ { $file }.
compose-imported-with-images = Đã nhập { $scenes } cảnh từ { $file }; { $pictured } cảnh bắt đầu từ ảnh (giữ nguyên khi lời nhắc không đổi).

## Soạn: ảnh bắt đầu của từng cảnh
slot-start = + Đầu
slot-end = + Cuối
slot-reference = + Tham chiếu
slot-name-start = đầu
slot-name-end = cuối
slot-name-reference = tham chiếu
slots-help = Ảnh để một cảnh bắt đầu (không bắt buộc): bấm một ô, rồi chọn hoặc thả ảnh PNG, JPEG hay WebP.
slots-continues = nối tiếp cảnh { $scene }
slots-drop-hint = Thả một ảnh PNG, JPEG hoặc WebP vào cửa sổ để đặt vào ô.
slots-click-first = Hãy bấm ô Đầu, Cuối hoặc Tham chiếu của một cảnh trước, rồi thả ảnh.
slots-cannot-send = Không gửi được ảnh này: { $why }
slots-too-many = Mỗi cảnh nhận tối đa { $max } ảnh tham chiếu.

## Trạng thái của một lần tạo
state-queued = đang chờ
state-assigned = đã giao
state-submitting = đang gửi
state-generating = đang tạo
state-ready = sẵn sàng
state-downloading = đang tải về
state-done = xong
state-failed = thất bại
state-timed-out = quá hạn
state-uncertain = chưa rõ
state-canceled = đã huỷ

## Hàng đợi
queue-next-in-line = kế tiếp
queue-for = trong { $time }
queue-of-total = { $done } / { $total }
queue-run-next = Làm kế tiếp
queue-open = Mở
queue-folder = Thư mục
queue-revise = Sửa lại
queue-upscale = Nâng độ phân giải
queue-retry = Thử lại
queue-on-disk = { $done }/{ $total } đã lưu
queue-failed = {" "}· { $n } thất bại
queue-in-progress = {" "}· { $n } đang làm
queue-cancelled = {" "}· { $n } đã huỷ
queue-finished = {" "}· đã xong
queue-batch-cancelled = {" "}· đã huỷ
queue-paused = {" "}· tạm dừng
queue-resume = Tiếp tục
queue-pause = Tạm dừng
queue-cancel = Huỷ
queue-retry-failed = Thử lại các lần lỗi
queue-resumed = Tiếp tục từ phiên trước.
queue-waiting = Đang chờ: { $why }
queue-no-takes = không có lần tạo nào
queue-rows = dòng { $first }–{ $last } trên { $total }
queue-previous = ‹ Trước
queue-next = Sau ›
queue-empty = Chưa có gì trong hàng đợi. Hãy viết lời nhắc ở thẻ Soạn rồi bấm Tạo video.
filter-all = Tất cả
filter-moving = Đang làm
filter-attention = Cần xem lại
filter-done = Đã lưu

## Thanh tài khoản bên trái
lane-cannot-start = không khởi động được
lane-not-working = không hoạt động
lane-checking = đang kiểm tra…
health-ready = sẵn sàng
health-cooling = đang nghỉ ({ $seconds } giây)
health-cooling-left = đang nghỉ { $seconds } giây
health-sign-in = cần đăng nhập
health-out-of-credits = hết tín dụng
health-paused = tạm dừng
health-waiting-browser = đang chờ trình duyệt
health-held = đang giữ lại
lane-credits = { $credits } tín dụng
lane-in-flight = { $n } đang làm
lane-no-browser = chưa có trình duyệt
lane-browser-connected = đã nối trình duyệt
lane-on-disk = { $done }/{ $dealt } đã lưu
lane-done = xong { $n }
lane-failed = lỗi { $n }
lane-checked-works = đã kiểm tra: hoạt động
lane-sign-in-again = Đăng nhập lại
lane-connect-browser = Nối một trình duyệt
lane-resume = Tiếp tục
lanes-title = Tài khoản
lanes-none = Chưa có tài khoản: hãy thêm ở thẻ Tài khoản.

## Lịch sử
history-title = Lịch sử
history-refresh = Làm mới
history-loading = Đang tải…
history-none = Chưa có lô nào.
history-open-folder = Mở thư mục
history-export = Xuất CSV
history-saved = Đã lưu kết quả vào { $path }
history-export-failed = Không xuất được: { $why }
history-failed = { $n } thất bại
batch-active = đang chạy
batch-finished = đã xong
batch-cancelled = đã huỷ

## Sửa lại một video
revise-say-how = Hãy nói video cần thay đổi thế nào.
revise-title = Sửa lại lần tạo { $take }
revise-was = Trước đây: { $prompt }
revise-placeholder = thay đổi gì, ví dụ "chuyển thành ban đêm, giữ chuyển động máy quay"
revise-videos = Số video
revise-explain = Một video mới được tạo trên { $account } với cùng mô hình, khung hình và độ dài; chi phí như mọi lần tạo khác. Video gốc vẫn giữ nguyên.
revise-send = Gửi yêu cầu sửa

## Cài đặt
theme-system = Theo hệ thống
theme-light = Sáng
theme-dark = Tối
people-anyone = Mọi người (allow_all)
people-adults = Chỉ người lớn (allow_adult)
settings-must-be-number = { $what } phải là một số
settings-between = { $what } phải nằm trong khoảng { $lo } đến { $hi }
settings-choose-folder = hãy chọn một thư mục
settings-what-concurrency = số video cùng lúc mỗi tài khoản
settings-what-poll = khoảng kiểm tra trạng thái (giây)
settings-what-downloads = số lượt tải về cùng lúc
settings-what-spacing = số giây giữa hai lần gọi tạo của một tài khoản Flow
settings-fix-first = hãy sửa các ô được đánh dấu đỏ trước
settings-example = ví dụ { $sample } · chỗ điền: { $placeholders }
settings-saved = Đã lưu. Thay đổi về nhịp gửi có hiệu lực từ lần khởi động sau; giao diện và tên tệp có hiệu lực ngay.
settings-language-saved = Ngôn ngữ giờ là { $language }.
settings-title = Cài đặt
settings-output-folder = Thư mục lưu
settings-folder-placeholder = thư mục
settings-output-hint = nơi lưu các lô mới
settings-file-names = Tên tệp
settings-template-placeholder = mẫu
settings-concurrency = Số video cùng lúc mỗi tài khoản
settings-concurrency-hint = từ 1 đến 32
settings-poll = Kiểm tra trạng thái mỗi (giây)
settings-poll-hint = Trang của Flow dùng 5
settings-downloads = Số lượt tải cùng lúc
settings-downloads-hint = trên tất cả tài khoản
settings-spacing = Flow: số giây giữa các lần gọi tạo
settings-spacing-hint = cho mỗi tài khoản; gấp đôi sau mỗi lần bị từ chối. Flow đánh dấu các tài khoản tạo dồn dập
settings-people = Gemini API: người trong video
settings-people-hint = Ở EU, Anh, Thuỵ Sĩ và Trung Đông – Bắc Phi bắt buộc chọn Chỉ người lớn
settings-negative = Gemini API: lời nhắc loại trừ
settings-negative-placeholder = không bắt buộc, ví dụ hoạt hình, chất lượng thấp
settings-negative-hint = điều mọi video Gemini nên tránh
settings-theme = Giao diện
settings-language = Ngôn ngữ
settings-language-hint = có hiệu lực ngay; --lang hoặc FLOWDECK_LANG chọn cho một lần chạy
settings-save = Lưu

## Tài khoản
accounts-title = Tài khoản
accounts-none = Chưa có tài khoản. Thêm một tài khoản bên dưới.
accounts-not-running = không chạy
accounts-session-only = chỉ phiên này
accounts-keyring = kho khoá
accounts-no-browser = chưa ghép trình duyệt
accounts-key = khoá: { $kept }
accounts-no-project = chưa có dự án
accounts-check = Kiểm tra
accounts-rename = Đổi tên
accounts-connect = Nối một trình duyệt
accounts-new-key = Khoá mới
accounts-remove = Xoá
accounts-name = Tên
accounts-name-placeholder = ví dụ studio-1
accounts-provider = Dịch vụ
accounts-add-title = Thêm tài khoản
accounts-google-account = Tài khoản Google (không bắt buộc)
accounts-email-placeholder = email mà trình duyệt của nó đang đăng nhập
accounts-flow-help = Flow không có API công khai: flowdeck điều khiển nó qua chính trình duyệt bạn đã đăng nhập. Hãy cài tiện ích flowdeck vào một hồ sơ Chrome đã đăng nhập tài khoản Google này (chrome://extensions → Chế độ dành cho nhà phát triển → Tải tiện ích đã giải nén → thư mục extension), rồi thêm tài khoản và mở đường liên kết nó hiện ra trong hồ sơ đó.
accounts-flow-project = Mã dự án Flow (không bắt buộc)
accounts-flow-project-placeholder = để trống thì tạo dự án mới
accounts-add-and-connect = Thêm và nối trình duyệt
accounts-api-key = Khoá API
accounts-api-key-placeholder = khoá AIza… từ aistudio.google.com/apikey
accounts-note = Lưu ý: { $text }.
accounts-add = Thêm tài khoản
accounts-cloud-project = Dự án Google Cloud
accounts-location = Khu vực
accounts-key-file = Tệp khoá tài khoản dịch vụ (không bắt buộc)
accounts-key-file-placeholder = để trống: Application Default Credentials
accounts-choose = Chọn…
accounts-vertex-help = Veo trên Vertex AI tính phí vào dự án. Hãy bật Vertex AI API trong dự án và cấp cho tài khoản dịch vụ vai trò Vertex AI User (và Storage Object Viewer trên bucket đầu ra, nếu có). Chỉ đường dẫn tệp khoá được lưu; nếu không có, flowdeck dùng Application Default Credentials của gcloud.
accounts-signed-in = Đã đăng nhập: { $who }
accounts-no-keyring = Không có kho khoá ({ $why }): bí mật thêm ở đây chỉ dùng được trong phiên này.
accounts-rename-title = Đổi tên { $account }
accounts-new-name = tên mới
accounts-remove-title = Xoá { $account }?
accounts-remove-explain = Mục trong kho khoá sẽ bị xoá. Các video đã lưu vẫn còn.
accounts-new-key-title = Khoá API mới: { $account }
accounts-paste-key = dán khoá mới
accounts-save = Lưu
accounts-waiting-extension = Đang chờ tiện ích flowdeck trong trình duyệt đó…
accounts-connect-title = Nối trình duyệt: { $account }
accounts-connect-help = Mở đường liên kết này trong hồ sơ Chrome đã đăng nhập tài khoản Google của tài khoản này và có tiện ích flowdeck:
accounts-copy = Sao chép
accounts-open = Mở
accounts-connect-once = Hãy mở trong đúng hồ sơ: đường liên kết ghép với trình duyệt nào mở nó trước. Chỉ dùng được một lần, trong 10 phút.
close-esc = Đóng  (Esc)

## Trước khi tốn thêm
spend-costs-again = Việc này tốn thêm
spend-send-again = Gửi lại
spend-generate-again = Tạo lại
spend-refused = { $n } lần tạo đã bị từ chối theo chính sách của dịch vụ ("{ $reason }"). Gửi lại tốn { $price } và nhiều khả năng lại bị từ chối nếu lời nhắc không đổi.
spend-made-before = { $again } trong { $scenes } lời nhắc này đã được tạo ở lô trước. Tạo lại sẽ làm (và trả tiền cho) video mới: { $price } cho cả lô.
spend-upscale = Nâng độ phân giải
spend-upscale-question = Flow tạo một bản lớn hơn của video này trên { $account }, lưu cạnh bản gốc. 1080p: chưa công bố giá (tính là miễn phí); 4K: 50 tín dụng.
spend-upscale-1080 = Nâng lên 1080p
spend-upscale-4k = Nâng lên 4K

## Thông báo
banner-no-keyring = Không có kho khoá ({ $why }): bí mật bạn thêm bây giờ chỉ được giữ trong phiên này.
banner-cannot-start = Tài khoản { $account } không khởi động được: { $why }
banner-resumed = Đã tiếp tục { $n } lần tạo còn dở từ lần trước.
banner-demo = Chế độ thử: ba tài khoản Flow mô phỏng, mỗi tài khoản do một bản thay thế có sẵn của tiện ích trình duyệt đảm nhận, và một tài khoản Gemini API tạo video Gemini Omni Flash (omni-flash chạy trên cả bốn); không có gì được gửi tới Google. Lời nhắc chứa #unsafe sẽ bị từ chối, để bạn thấy khi đó trông ra sao.
compose-seed-range = hạt giống phải là số nguyên từ 0 đến 2147483647
compose-choose-account = hãy chọn ít nhất một tài khoản
compose-none-can-run = không tài khoản nào được chọn chạy được { $model } { $aspect }
compose-choose-folder = hãy chọn thư mục lưu
accounts-no-bridge = cầu nối trình duyệt không chạy (xem thông báo), nên không nối được trình duyệt nào
accounts-unreadable = một tài khoản flowdeck không đọc được
accounts-connected = Đã nối: trình duyệt đó đăng nhập bằng { $email }.
accounts-checking = đang kiểm tra…
accounts-gone = tài khoản không còn nữa
accounts-reconnect = Hãy nối lại trình duyệt của { $new }: tiện ích của nó vẫn biết nó là { $old }. { $note }
accounts-status-credits = {" "}· { $credits } tín dụng
accounts-status-makes = {" "}· tạo được { $models }
accounts-signed-in-plain = đã đăng nhập
accounts-wrong-browser = { $account } đã ghép, nhưng trình duyệt của nó đăng nhập bằng { $got }, không phải { $want }: không gửi gì cho { $account } cho tới khi khớp. { $note }
accounts-session-secret = Không có kho khoá ({ $why }): bí mật chỉ được giữ trong phiên này.
dialog-import-title = Nhập lời nhắc
dialog-prompt-files = Tệp lời nhắc
dialog-picture-title = Chọn ảnh
dialog-pictures = Ảnh
dialog-output-title = Thư mục lưu
notify-finished-title = flowdeck: { $batch } đã xong
notify-finished-body = { $done }/{ $total } video đã lưu
notify-need-a-look = , { $n } cần xem lại
banner-not-a-file = { $path } không phải tệp lời nhắc ({ $kinds }) cũng không phải ảnh (PNG, JPEG hoặc WebP).
window-no-display = flowdeck: ở đây không có màn hình (DISPLAY và WAYLAND_DISPLAY chưa đặt); hãy dùng `flowdeck run PROMPTS --out DIR` trên dòng lệnh
window-could-not-start = flowdeck: không mở được cửa sổ ({ $why }); `flowdeck run` chạy được mà không cần cửa sổ
window-cannot-open = flowdeck: không mở được cửa sổ ({ $why }); hãy dùng `flowdeck run PROMPTS --out DIR` trên dòng lệnh

## Dòng lệnh: `run` và những gì nó in ra
cli-no-videos-yet = chưa có video
cli-take = lần tạo { $take } (cảnh { $scene }, bản { $copy })
cli-starting = đang khởi động
cli-failed = { $n } lỗi
cli-credits = { $credits } tín dụng
cli-in-flight = { $n } đang làm
cli-mib = { $mib } MiB
cli-batch = lô { $batch } "{ $label }": { $videos } video{ $place }
cli-resuming = tiếp tục { $batch } "{ $label }": { $videos } video{ $place }
cli-all-videos = tất cả video
cli-on-disk = đã lưu
cli-take-line = { $take } trên { $account }: { $state }{ $why }
cli-lane-line = { $account }: { $health } — { $reason }
cli-stalled-batch = lô { $batch }: { $queued } cảnh chưa thể bắt đầu lúc này ({ $reason })
cli-reconciled = { $account }: đã tra { $n } lần gửi bị mất câu trả lời: { $found } có trên tài khoản (làm tiếp, không trả tiền hai lần), { $absent } chưa từng được tạo (xếp hàng lại)
cli-demo-no-resume = bản thử không tiếp tục được
cli-resume-later = `flowdeck resume` làm tiếp sau
cli-stopping = đang dừng: không bắt đầu video mới; đang đưa về { $flying } video đang làm (Ctrl-C lần nữa để thoát ngay; { $later })
cli-col-account = tài khoản
cli-col-taken = đã nhận
cli-col-on-disk = đã lưu
cli-col-failed = lỗi
cli-col-mib = MiB
cli-videos-on-disk = { $done }/{ $total } video đã lưu{ $place }
cli-in-folder = {" "}trong { $folder }
cli-looked-up = Đã tra { $n } lần gửi bị mất câu trả lời: { $found } có trên tài khoản (không trả tiền hai lần), { $absent } chưa từng được tạo (đã tạo lại).
cli-heading-failed = Thất bại:
cli-heading-uncertain = Chưa rõ (đã gửi nhưng không có câu trả lời; hãy xem trong tài khoản trước khi thử lại, thử lại sẽ tốn thêm):
cli-heading-timed-out = Quá hạn (vẫn giữ; `flowdeck resume` sẽ kiểm tra lại):
cli-heading-other = Chưa xong ({ $state }):
cli-failed-take = { $take } trên { $account } "{ $prompt }": { $why }
cli-try-again = Để thử lại: flowdeck retry { $takes }
cli-stopped-demo = Đã dừng. (Bản thử không tiếp tục được: trình mô phỏng của nó đã tắt.)
cli-stopped = Đã dừng. Mọi thứ đều ở trong sổ ghi: `flowdeck resume` sẽ làm tiếp.
cli-stalled-demo = Bị kẹt: { $why }
cli-stalled = 
    Bị kẹt: { $why }
    Phần còn lại vẫn trong hàng đợi: `flowdeck resume` làm tiếp sau.
