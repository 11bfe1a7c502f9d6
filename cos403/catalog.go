package cos403

// Addresses and commands quoted in the steps. They are shared by the three
// languages so that a command copied from any of them is the same command.
const (
	remConsole  = "https://console.cloud.tencent.com/cos5"
	remCAPI     = "https://console.cloud.tencent.com/cam/capi"
	remDiagnose = "https://console.cloud.tencent.com/cos5/diagnose"
	remContact  = "https://intl.cloud.tencent.com/contact-sales"
	remSignTool = "https://cos5.cloud.tencent.com/static/cos-sign/"

	// The CORS and referer checks are the commands of the 403
	// troubleshooting guide (product/436/40105), with its example host. The
	// guide writes "-voa /dev/null", which curl reads as -v -o a (saving
	// the body to a file named "a" and taking /dev/null as a second URL);
	// "-v -o /dev/null" is what it means.
	remCurlCORS      = "curl 'http://bucket-appid.cos.ap-guangzhou.myqcloud.com/object' -v -o /dev/null -H 'Origin: <origin>'"
	remCurlPreflight = "curl 'http://bucket-appid.cos.ap-guangzhou.myqcloud.com/object' -v -o /dev/null -X OPTIONS -H 'Origin: <origin>' -H 'Access-Control-Request-Method: GET'"
	remCurlReferer   = "curl 'http://bucket-appid.cos.ap-guangzhou.myqcloud.com/object' -v -o /dev/null -H 'referer: <referer>'"
)

// catalog holds the remediation text for every Cause, in English, Japanese
// and Chinese (indexed by Lang.index). The English and Japanese steps follow
// the procedure of the COS 403 troubleshooting guide for each message; facts
// from the other COS documents (error codes, request signature, CORS,
// hotlink protection, POST Object restore, policy evaluation, temporary
// keys) fill in what the guide leaves implicit. Steps have the same count
// and order in every language.
var catalog = map[Cause]entry{
	// The guide's "AccessForbidden" section; rule semantics from PUT Bucket
	// cors and the CORS console guide, CDN note from the CORS FAQ.
	CauseCORSRejected: {
		doc: "https://intl.cloud.tencent.com/document/product/436/13318",
		text: [3]text{
			{
				title: "CORS request rejected",
				summary: "The bucket has no CORS rule that matches this cross-origin request. COS says so with Code=AccessForbidden and a Message beginning \"CORSResponse: This CORS request is not allowed.\", or, as the 403 troubleshooting guide prints it, Code=AccessDenied with Message=AccessForbidden. " +
					"It is usually the answer to a browser's OPTIONS preflight, which needs no signature: either the bucket has no CORS configuration at all, or no rule covers the page's Origin (scheme and port included), the method named in Access-Control-Request-Method and every header named in Access-Control-Request-Headers. " +
					"COS evaluates its CORS rules only when it answers the preflight; when the page goes through a CDN domain, the CORS settings of the CDN are the ones that apply.",
				steps: []string{
					"Log in to the COS console (" + remConsole + "), choose Bucket List in the left navigation and click the bucket's name to open its configuration page.",
					"In the left navigation choose Security Management > CORS Settings and check whether a rule covers this cross-origin request. If none does, add a rule or edit the existing one.",
					"Make the rule match what the browser sends: AllowedOrigin must equal the page's origin including the scheme, and the port unless it is 80 or 443 (* or an origin with a single * wildcard also works); AllowedMethod must include the method (PUT, GET, POST, DELETE or HEAD); AllowedHeader must cover every header listed in Access-Control-Request-Headers (* allows all); response headers the page has to read go in ExposeHeader, which cannot be *.",
					"Check the rule from a shell, with your own bucket, region and object in the URL and an origin from the rule in place of <origin>: " + remCurlCORS + ". When the rule is right, the response headers printed by -v include Access-Control-Allow-Origin.",
					"Reproduce the browser's preflight the same way: " + remCurlPreflight + " (put the page's real method in Access-Control-Request-Method, and add -H 'Access-Control-Request-Headers: <headers>' if the page sends its own headers). A matching rule answers 200 OK with Access-Control-Allow-Origin and Access-Control-Allow-Methods; 403 AccessForbidden means that still no rule matches.",
					"If the page loads the object through a CDN acceleration domain, configure CORS for that domain in the CDN console as well.",
				},
			},
			{
				title: "CORSリクエストの拒否",
				summary: "このクロスドメインリクエストに一致するCORSルールがバケットにありません。COSはCode=AccessForbidden（Messageは「CORSResponse: This CORS request is not allowed.」で始まる）、または403トラブルシューティングガイドの表記ではCode=AccessDenied、Message=AccessForbiddenを返します。" +
					"多くの場合、ブラウザが送る署名不要のOPTIONSプリフライトへの応答です。バケットにCORS設定がまったくないか、ページのOrigin（スキームとポートを含む）、Access-Control-Request-Methodのメソッド、Access-Control-Request-Headersのすべてのヘッダーをカバーするルールがありません。" +
					"COSがCORSルールを評価するのはプリフライトに応答するときだけです。ページがCDNドメインを経由する場合は、CDN側のCORS設定が適用されます。",
				steps: []string{
					"COSコンソール（" + remConsole + "）にログインし、左側ナビゲーションバーでバケットリストを選択して、対象バケットの名前をクリックし、バケット設定ページを開きます。",
					"左側ナビゲーションバーでセキュリティ管理>クロスドメインアクセスCORS設定を選択し、このクロスドメインリクエストをカバーするルールがあるかどうかを確認します。ない場合はルールを追加するか、既存のルールを変更します。",
					"ルールをブラウザの送信内容に合わせます。AllowedOriginはページのOriginとスキームまで一致させ、80/443以外のポートならポートも含めます（*や、*を1つだけ含むワイルドカードも使えます）。AllowedMethodには使用するメソッド（PUT、GET、POST、DELETE、HEAD）を含めます。AllowedHeaderはAccess-Control-Request-Headersに並ぶすべてのヘッダーをカバーする必要があります（*ですべて許可）。ページで読み取るレスポンスヘッダーはExposeHeaderに指定します（*は指定できません）。",
					"URLのバケット、リージョン、オブジェクトを自分のものに、<origin>をルールに設定したソースOriginに置き換えて、次のコマンドで設定を確認します：" + remCurlCORS + "。正しく設定されていれば、-vが表示するレスポンスヘッダーにAccess-Control-Allow-Originが含まれます。",
					"ブラウザのプリフライトも同じ方法で再現します：" + remCurlPreflight + "（Access-Control-Request-Methodにはページが実際に使うメソッドを指定し、ページが独自のヘッダーを送る場合は -H 'Access-Control-Request-Headers: <headers>' を追加します）。一致するルールがあれば200 OKとAccess-Control-Allow-Origin、Access-Control-Allow-Methodsが返ります。403 AccessForbiddenが返る場合は、まだ一致するルールがありません。",
					"ページがCDN加速ドメイン経由でオブジェクトを読み込んでいる場合は、CDNコンソールでもそのドメインのCORSを設定します。",
				},
			},
			{
				title: "跨域请求被拒绝",
				summary: "存储桶中没有与该跨域请求匹配的 CORS 规则。COS 会返回 Code=AccessForbidden（Message 以“CORSResponse: This CORS request is not allowed.”开头），或者按 403 排查文档的写法返回 Code=AccessDenied、Message=AccessForbidden。" +
					"这通常是对浏览器 OPTIONS 预检请求的响应，预检请求不需要签名：要么存储桶完全没有配置 CORS，要么没有任何规则同时覆盖页面的 Origin（包括协议和端口）、Access-Control-Request-Method 中的方法以及 Access-Control-Request-Headers 中的全部头部。" +
					"COS 只在响应预检请求时校验 CORS 规则；页面经由 CDN 域名访问时，生效的是 CDN 的跨域配置。",
				steps: []string{
					"登录 COS 控制台（" + remConsole + "），在左侧导航栏选择存储桶列表，单击目标存储桶名称，进入存储桶配置页面。",
					"在左侧导航栏选择安全管理 > 跨域访问 CORS 设置，检查是否有规则覆盖该跨域请求；如果没有，添加规则或修改现有规则。",
					"让规则与浏览器实际发送的内容一致：AllowedOrigin 必须与页面的 Origin 完全一致，包括协议，端口不是 80 或 443 时还要包括端口（也可以用 *，或只含一个 * 的通配）；AllowedMethod 必须包含所用方法（PUT、GET、POST、DELETE 或 HEAD）；AllowedHeader 必须覆盖 Access-Control-Request-Headers 中列出的每个头部（* 表示全部允许）；页面需要读取的响应头填入 ExposeHeader，该项不能填 *。",
					"把 URL 中的存储桶、地域和对象换成您自己的，把 <origin> 换成规则中配置的来源 Origin，执行以下命令检查配置：" + remCurlCORS + "。配置正确时，-v 输出的响应头中包含 Access-Control-Allow-Origin。",
					"用同样的方式模拟浏览器的预检请求：" + remCurlPreflight + "（Access-Control-Request-Method 填页面实际使用的方法；页面发送自定义头部时，再加上 -H 'Access-Control-Request-Headers: <headers>'）。有匹配的规则时返回 200 OK，并带有 Access-Control-Allow-Origin 和 Access-Control-Allow-Methods；返回 403 AccessForbidden 说明仍然没有匹配的规则。",
					"如果页面通过 CDN 加速域名加载对象，还需要在 CDN 控制台为该域名配置跨域。",
				},
			},
		},
	},

	// The guide's "You are denied by bucket referer rule" section; matching
	// rules, empty referer, signed requests and Mini Programs from the
	// hotlink-protection console guide and FAQ.
	CauseRefererDenied: {
		doc: "https://intl.cloud.tencent.com/document/product/436/13319",
		text: [3]text{
			{
				title: "Blocked by hotlink protection",
				summary: "The bucket's hotlink protection checked the request's Referer header against its list and refused it: Code=AccessDenied, Message=You are denied by bucket referer rule. " +
					"With an allowlist, every referer that is not on the list is refused; with a blocklist, the listed ones are. A request without a Referer, or with an empty one (as when a URL is opened directly in the browser), is refused unless empty referers are allowed, and they are denied by default. " +
					"Signed requests are exempt from the referer check. When a CDN domain is in front of the bucket, the CDN's own referer rules are applied before those of COS.",
				steps: []string{
					"Log in to the COS console (" + remConsole + "), choose Bucket List in the left navigation and click the bucket's name to open its configuration page.",
					"In the left navigation choose Security Management > Hotlink Protection and check whether hotlink protection is configured, and whether it is an allowlist or a blocklist. If it is not configured at all, contact support (" + remContact + ") with the RequestId.",
					"Correct the list: with an allowlist, add the domain the requests come from; with a blocklist, remove it. Entries match as prefixes (www.example.com also covers www.example.com/123 and www.example.com.cn), *.example.com covers its subdomains, and host:port and IP:port entries are accepted.",
					"If the object must also open without a Referer (typed into the address bar, from a bookmark or from a client that sends none), set the empty referer option to Allow. For a Weixin Mini Program, add servicewechat.com: its requests carry Referer: https://servicewechat.com/{appid}/{version}/page-frame.html.",
					"Check the result with the referer the client sends, with your own bucket, region and object in the URL and that value in place of <referer>: " + remCurlReferer + ". With a correct configuration the object comes back with 200 OK instead of this 403.",
					"If the object is served through a CDN domain, check the CDN's referer settings too, since they are applied first. For clients that cannot send an allowed referer, hand out signed (presigned) URLs, which the referer check does not apply to.",
				},
			},
			{
				title: "リンク不正アクセス防止による拒否",
				summary: "バケットのリンク不正アクセス防止設定が、リクエストのRefererヘッダーをリストと照合して拒否しました：Code=AccessDenied、Message=You are denied by bucket referer rule。" +
					"ホワイトリストではリストにないRefererがすべて拒否され、ブラックリストではリストにあるRefererが拒否されます。Refererがない、または空のリクエスト（ブラウザでURLを直接開いた場合など）は、空のRefererを許可していない限り拒否され、既定値は拒否です。" +
					"署名付きリクエストはReferer検査の対象外です。バケットの前にCDNドメインがある場合は、COSより先にCDN側のReferer設定が適用されます。",
				steps: []string{
					"COSコンソール（" + remConsole + "）にログインし、左側ナビゲーションバーでバケットリストを選択して、対象バケットの名前をクリックし、バケット設定ページを開きます。",
					"左側ナビゲーションバーでセキュリティ管理>リンク不正アクセス防止の設定を選択し、リンク不正アクセス防止が設定されているか、ホワイトリストとブラックリストのどちらかを確認します。まったく設定されていない場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
					"リストを修正します。ホワイトリストの場合はリクエスト元のドメインを追加し、ブラックリストの場合はそのドメインを削除します。各エントリーは前方一致で判定され（www.example.comはwww.example.com/123やwww.example.com.cnにも一致）、*.example.comはそのサブドメインに一致し、host:portやIP:portの形式も使えます。",
					"Refererなしでも開けるようにする必要がある場合（アドレスバーへの直接入力、ブックマーク、Refererを送らないクライアント）は、空のRefererを許可に設定します。WeChatミニプログラムの場合はservicewechat.comを追加します。そのリクエストにはReferer: https://servicewechat.com/{appid}/{version}/page-frame.html が付きます。",
					"URLのバケット、リージョン、オブジェクトを自分のものに、<referer>をクライアントが送るRefererの値に置き換えて、次のコマンドで確認します：" + remCurlReferer + "。正しく設定されていれば、この403ではなく200 OKでオブジェクトが返ります。",
					"オブジェクトをCDNドメイン経由で配信している場合は、先に適用されるCDN側のReferer設定も確認します。許可されたRefererを送れないクライアントには署名付きURL（事前署名URL）を渡します。署名付きリクエストにはReferer検査が適用されません。",
				},
			},
			{
				title: "被防盗链规则拒绝",
				summary: "存储桶的防盗链设置将请求的 Referer 头部与名单比对后拒绝了请求：Code=AccessDenied，Message=You are denied by bucket referer rule。" +
					"白名单模式下，不在名单中的 Referer 都会被拒绝；黑名单模式下，名单中的 Referer 会被拒绝。没有 Referer 或 Referer 为空的请求（例如在浏览器中直接打开 URL）除非允许空 Referer，否则会被拒绝，而默认设置是拒绝。" +
					"携带签名的请求不受防盗链校验。存储桶前面有 CDN 域名时，CDN 自己的防盗链规则先于 COS 生效。",
				steps: []string{
					"登录 COS 控制台（" + remConsole + "），在左侧导航栏选择存储桶列表，单击目标存储桶名称，进入存储桶配置页面。",
					"在左侧导航栏选择安全管理 > 防盗链设置，检查是否开启了防盗链，以及类型是白名单还是黑名单。如果完全没有设置防盗链，请携带 RequestId 联系技术支持（" + remContact + "）。",
					"修正名单：白名单模式下添加发起请求的域名，黑名单模式下将其删除。名单项按前缀匹配（www.example.com 也匹配 www.example.com/123 和 www.example.com.cn），*.example.com 匹配其子域名，也支持 host:port 和 IP:port 形式。",
					"如果对象也需要在没有 Referer 时打开（在地址栏直接输入、通过书签或使用不发送 Referer 的客户端），请将空 Referer 设置为允许。微信小程序需要添加 servicewechat.com，其请求携带 Referer: https://servicewechat.com/{appid}/{version}/page-frame.html。",
					"把 URL 中的存储桶、地域和对象换成您自己的，把 <referer> 换成客户端实际发送的 Referer 值，执行以下命令验证：" + remCurlReferer + "。配置正确时返回 200 OK 和对象，而不是这个 403。",
					"如果对象通过 CDN 域名分发，还要检查先生效的 CDN 防盗链配置。对于无法发送允许的 Referer 的客户端，可以提供带签名的 URL（预签名 URL），防盗链校验不适用于带签名的请求。",
				},
			},
		},
	},

	// The guide's step 3 (anonymous requests) and its ACL links; response-*
	// from GET Object, "signature empty" from the Java SDK quick start,
	// deny-anyone and ACL precedence from the policy evaluation and
	// anonymous access guides.
	CauseAnonymousDenied: {
		doc: "https://intl.cloud.tencent.com/document/product/436/13315",
		text: [3]text{
			{
				title: "Anonymous access denied",
				summary: "COS refused a request that carried no signature. With Code=AccessDenied and Message=Access Denied., the object is not public-read: no object ACL, folder ACL, bucket ACL or bucket policy lets anonymous users read it, or a policy denies everyone, which turns away every unsigned request. " +
					"With Message=Check auth failure because signature empty., the operation always needs a signature (listing buckets with GET / on the service endpoint, for example). " +
					"A GET with response-* parameters (response-content-type and the like) needs a signature as well, even on a public-read object. An unsigned HEAD refused with a bodiless 403 is treated as this case too.",
				steps: []string{
					"Decide whether the resource should be readable without credentials. If not, sign the request: give the client or SDK a SecretId and SecretKey so that it sends an Authorization header, or use a presigned URL (q-sign-algorithm … q-signature query parameters), and add x-cos-security-token when the key is temporary.",
					"To make the whole bucket readable, log in to the COS console (" + remConsole + "), choose Bucket List, click the bucket's name, open Permission Management > Bucket ACL and set Public Read/Private Write.",
					"To publish only some objects, set the object's own ACL to public-read instead: an object's ACL takes precedence over its folder's, and a folder's over the bucket's.",
					"Alternatively, under Permission Management > Policy Settings, add a policy that lets Everyone (anonymous users) read the path, for example name/cos:GetObject on the bucket or a prefix ending in /*; it takes effect even while the bucket ACL is private read/write. Look there also for a deny aimed at everyone: it rejects every unsigned request, and then only signing helps.",
					"If the URL carries response-* parameters, sign it even when the object is public-read, or drop those parameters.",
					"If the Message is Check auth failure because signature empty., the operation (such as listing buckets) cannot be called anonymously: sign it.",
				},
			},
			{
				title: "匿名アクセスの拒否",
				summary: "署名のないリクエストをCOSが拒否しました。Code=AccessDenied、Message=Access Denied.の場合、オブジェクトはパブリック読み取りではありません。オブジェクトACL、フォルダACL、バケットACL、バケットポリシーのいずれも匿名ユーザーの読み取りを許可していないか、全ユーザーを禁止するポリシーがあり、署名のないリクエストがすべて拒否されています。" +
					"Message=Check auth failure because signature empty.の場合は、その操作に常に署名が必要です（サービスエンドポイントへのGET /によるバケット一覧の取得など）。" +
					"response-*パラメータ（response-content-typeなど）を付けたGETも、パブリック読み取りのオブジェクトであっても署名が必要です。署名のないHEADがボディなしの403で拒否された場合も、このケースとして扱います。",
				steps: []string{
					"そのリソースを認証なしで読めるようにすべきかを判断します。そうでなければリクエストに署名します。クライアントやSDKにSecretIdとSecretKeyを設定してAuthorizationヘッダーを送るか、署名付きURL（q-sign-algorithm … q-signatureのクエリパラメータ）を使い、一時キーの場合はx-cos-security-tokenも付けます。",
					"バケット全体を読み取り可能にする場合は、COSコンソール（" + remConsole + "）にログインし、バケットリストでバケット名をクリックして、権限管理>バケットアクセス許可でパブリック読み取り/プライベート書き込みに設定します。",
					"一部のオブジェクトだけを公開する場合は、代わりにそのオブジェクト自体のACLをパブリック読み取りに設定します。オブジェクトのACLはフォルダのACLより、フォルダのACLはバケットのACLより優先されます。",
					"別の方法として、権限管理>Policy権限設定で、全ユーザー（匿名ユーザー）にそのパスの読み取りを許可するポリシー（例：バケットまたは /* で終わるプレフィックスに対するname/cos:GetObject）を追加します。このポリシーはバケットアクセス許可がプライベート読み取り/書き込みでも有効です。あわせて全ユーザーを対象とした禁止ポリシーがないか確認します。あると署名のないリクエストはすべて拒否されるため、署名するしかありません。",
					"URLにresponse-*パラメータが含まれる場合は、オブジェクトがパブリック読み取りでも署名するか、そのパラメータを外します。",
					"MessageがCheck auth failure because signature empty.の場合、その操作（バケット一覧の取得など）は匿名では呼び出せないため、署名します。",
				},
			},
			{
				title: "匿名访问被拒绝",
				summary: "COS 拒绝了一个没有签名的请求。Code=AccessDenied、Message=Access Denied. 表示对象不是公有读：对象 ACL、文件夹 ACL、存储桶 ACL 和存储桶策略都没有允许匿名用户读取，或者有策略拒绝所有用户，使所有未签名请求都被拒绝。" +
					"Message=Check auth failure because signature empty. 表示该操作始终需要签名（例如对服务端点执行 GET / 列出存储桶）。" +
					"带有 response-* 参数（如 response-content-type）的 GET 请求即使访问公有读对象也必须签名。未签名的 HEAD 请求收到没有响应体的 403 时，也按这种情况处理。",
				steps: []string{
					"先确定该资源是否应允许无凭证读取。如果不应允许，请为请求签名：为客户端或 SDK 配置 SecretId 和 SecretKey，使其发送 Authorization 头部，或者使用预签名 URL（q-sign-algorithm … q-signature 查询参数）；使用临时密钥时还要带上 x-cos-security-token。",
					"如果要让整个存储桶可读，登录 COS 控制台（" + remConsole + "），选择存储桶列表，单击存储桶名称，在权限管理 > 存储桶访问权限中设置为公有读私有写。",
					"如果只公开部分对象，改为将这些对象自身的 ACL 设置为公有读：对象的 ACL 优先于其所在文件夹的 ACL，文件夹的 ACL 优先于存储桶的 ACL。",
					"也可以在权限管理 > Policy 权限设置中添加策略，允许所有用户（匿名用户）读取该路径，例如对存储桶或以 /* 结尾的前缀授予 name/cos:GetObject；即使存储桶访问权限为私有读写，该策略也会生效。同时检查是否存在针对所有用户的拒绝策略：它会拒绝所有未签名请求，此时只能通过签名访问。",
					"如果 URL 带有 response-* 参数，即使对象是公有读也要签名，或者去掉这些参数。",
					"如果 Message 为 Check auth failure because signature empty.，说明该操作（如列出存储桶）不能匿名调用，请为其签名。",
				},
			},
		},
	},

	// The guide's "InvalidAccessKeyId" section; temporary-key lifetimes from
	// the permission FAQ, the expired-key reading from the self-diagnosis tool.
	CauseInvalidAccessKeyID: {
		doc: "https://intl.cloud.tencent.com/document/product/436/40105",
		text: [3]text{
			{
				title: "SecretId not recognized",
				summary: "COS does not recognize the SecretId sent as q-ak in the signature: Code=InvalidAccessKeyId (with Messages such as The access key Id format you provided is invalid. or The Access Key Id you provided does not exist in our records), or Code=AccessDenied with Message=InvalidAccessKeyId as the 403 troubleshooting guide prints it (the older error table spells the code InvaildAccessKeyId). " +
					"The SecretId may be mistyped (q-ak is case-sensitive), truncated or padded with spaces, disabled or deleted in API key management, or it may be a temporary key that has already expired; the COS self-diagnosis tool describes such a refusal as a SecretId that does not exist or an expired temporary key.",
				steps: []string{
					"Take the q-ak value from the Authorization header of the request (or the q-ak query parameter of a presigned URL) and compare it with the SecretId you meant to use. They must be identical, in the same upper and lower case, with no leading or trailing spaces or line breaks; if they differ, correct the configuration that supplies the key.",
					"Open API key management (" + remCAPI + ") and check that the key exists and is enabled. If it is disabled, enable it; if it was deleted, create a new key and update the client.",
					"If the request used a temporary key (it carries x-cos-security-token), the key has probably expired: request a new one and sign with its SecretId, SecretKey and token together. Temporary keys last 1800 s by default, at most 7200 s for a root account and 129600 s (36 h) for a sub-account.",
					"If q-ak is right and the key is enabled, enter the RequestId in the self-diagnosis tool (" + remDiagnose + "), then contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title: "SecretIdを認識できない",
				summary: "署名のq-akとして送られたSecretIdをCOSが認識できません。Code=InvalidAccessKeyId（Messageは「The access key Id format you provided is invalid.」や「The Access Key Id you provided does not exist in our records」など）、または403トラブルシューティングガイドの表記ではCode=AccessDenied、Message=InvalidAccessKeyIdです（旧エラーコード表ではInvaildAccessKeyIdと表記）。" +
					"SecretIdの入力ミス（q-akは大文字と小文字を区別します）、途中で切れている、前後に空白がある、APIキー管理で無効化または削除されている、あるいは有効期限の切れた一時キーである可能性があります。COSのセルフ診断ツールは、この拒否をSecretIdが存在しないか一時キーの期限切れとして説明します。",
				steps: []string{
					"リクエストのAuthorizationヘッダー（署名付きURLの場合はq-akクエリパラメータ）からq-akの値を取り出し、使うつもりのSecretIdと比較します。大文字と小文字を含めて完全に一致し、前後に空白や改行がない必要があります。異なる場合は、キーを供給している設定を修正します。",
					"APIキー管理（" + remCAPI + "）を開き、キーが存在し、有効になっているかを確認します。無効の場合は有効化し、削除されている場合は新しいキーを作成してクライアントを更新します。",
					"リクエストが一時キー（x-cos-security-tokenが付いている）を使っている場合は、キーの期限切れが考えられます。新しい一時キーを取得し、そのSecretId、SecretKey、トークンを組み合わせて署名します。一時キーの有効期間は既定で1800秒、最長でルートアカウントは7200秒、サブアカウントは129600秒（36時間）です。",
					"q-akが正しく、キーも有効な場合は、RequestIdをセルフ診断ツール（" + remDiagnose + "）に入力したうえで、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title: "SecretId 无法识别",
				summary: "COS 无法识别签名中作为 q-ak 发送的 SecretId：Code=InvalidAccessKeyId（Message 如“The access key Id format you provided is invalid.”或“The Access Key Id you provided does not exist in our records”），或者按 403 排查文档的写法为 Code=AccessDenied、Message=InvalidAccessKeyId（旧版错误码表写作 InvaildAccessKeyId）。" +
					"可能是 SecretId 填写有误（q-ak 区分大小写）、被截断或前后带有空格，在 API 密钥管理中被禁用或删除，也可能是已经过期的临时密钥；COS 自助诊断工具会把这种拒绝解释为 SecretId 不存在或临时密钥已过期。",
				steps: []string{
					"从请求的 Authorization 头部（预签名 URL 则为 q-ak 查询参数）中取出 q-ak 的值，与您打算使用的 SecretId 比较。两者必须完全相同，大小写一致，前后没有空格或换行；如果不同，请修正提供密钥的配置。",
					"打开 API 密钥管理（" + remCAPI + "），检查该密钥是否存在且已启用。已禁用的请启用；已删除的请新建密钥并更新客户端。",
					"如果请求使用的是临时密钥（带有 x-cos-security-token），密钥很可能已过期：请重新申请临时密钥，并同时使用其 SecretId、SecretKey 和 Token 签名。临时密钥默认有效 1800 秒，主账号最长 7200 秒，子账号最长 129600 秒（36 小时）。",
					"如果 q-ak 正确且密钥已启用，请在自助诊断工具（" + remDiagnose + "）中输入 RequestId，然后携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// The guide's "RequestTimeTooSkewed" section; the 15-minute limit from
	// the error code table, the server clock from the Date header and the
	// curl connectivity check, clock correction from the JS and Java SDKs.
	CauseRequestTimeTooSkewed: {
		doc: "https://intl.cloud.tencent.com/document/product/436/7730",
		text: [3]text{
			{
				title: "Client clock out of sync",
				summary: "The client's clock and the COS server's clock are more than 15 minutes apart, so COS does not accept the time in the signature: Code=RequestTimeTooSkewed, or Code=AccessDenied with Message=RequestTimeTooSkewed as the 403 troubleshooting guide prints it. " +
					"The q-sign-time in a signature is computed from the local clock, so a machine whose clock is wrong produces signatures that COS rejects however correct the key is.",
				steps: []string{
					"Read the client's current time: on Linux run date -R; on Windows open Control Panel > Clock, Language, and Region > Date and Time.",
					"Read the server's time from the Date header of a COS response, for example with curl http://cos.ap-guangzhou.myqcloud.com -v (COS refuses this unsigned call with a 403 whose headers still carry Date). The refusal itself may carry it too, as the Date header or ServerTime in the body.",
					"If the two differ by more than 15 minutes, synchronize the clock with NTP (turn on the operating system's time synchronization), then sign the request again: a signature made with the wrong time stays wrong.",
					"Where the clock cannot be fixed, offset the signing time by the difference to the server's Date before signing, as the JavaScript SDK's CorrectClockSkew and the Java SDK's COSSigner.setLocalTimeDelta do.",
					"If the clocks are within 15 minutes of each other, contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title: "クライアントの時刻のずれ",
				summary: "クライアントの時刻とCOSサーバーの時刻が15分を超えてずれているため、COSが署名の時刻を受け付けません：Code=RequestTimeTooSkewed、または403トラブルシューティングガイドの表記ではCode=AccessDenied、Message=RequestTimeTooSkewed。" +
					"署名のq-sign-timeはローカルの時計から計算されるため、時計がずれたマシンでは、キーが正しくてもCOSに拒否される署名ができてしまいます。",
				steps: []string{
					"クライアントの現在時刻を確認します。Linuxではdate -Rコマンドを実行し、Windowsではコントロールパネル>時計、言語および地域>日付と時刻の設定を開きます。",
					"COSのレスポンスのDateヘッダーからサーバーの時刻を確認します。例えばcurl http://cos.ap-guangzhou.myqcloud.com -v を実行します（署名のないこの呼び出しはCOSに403で拒否されますが、ヘッダーにはDateが含まれます）。拒否されたレスポンス自体にも、DateヘッダーやボディのServerTimeとして含まれる場合があります。",
					"両者のずれが15分を超えている場合は、NTPで時刻を同期し（OSの時刻同期を有効にする）、リクエストに署名し直します。ずれた時刻で作った署名は、時計を直しても無効なままです。",
					"時計を直せない環境では、JavaScript SDKのCorrectClockSkewやJava SDKのCOSSigner.setLocalTimeDeltaと同じように、サーバーのDateとの差分だけ署名時刻をずらしてから署名します。",
					"ずれが15分以内の場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title: "客户端时间不同步",
				summary: "客户端时间与 COS 服务器时间相差超过 15 分钟，COS 不接受签名中的时间：Code=RequestTimeTooSkewed，或者按 403 排查文档的写法为 Code=AccessDenied、Message=RequestTimeTooSkewed。" +
					"签名中的 q-sign-time 由本地时钟计算，因此时钟不准的机器即使密钥完全正确，生成的签名也会被 COS 拒绝。",
				steps: []string{
					"查看客户端的当前时间：Linux 上执行 date -R；Windows 上打开控制面板 > 时钟、语言和区域 > 日期和时间。",
					"从 COS 响应的 Date 头部读取服务器时间，例如执行 curl http://cos.ap-guangzhou.myqcloud.com -v（COS 会以 403 拒绝这个未签名请求，但响应头中仍有 Date）。被拒绝的响应本身也可能带有服务器时间，即 Date 头部或响应体中的 ServerTime。",
					"如果两者相差超过 15 分钟，请通过 NTP 同步时间（开启操作系统的时间同步），然后重新签名：用错误时间生成的签名不会因时钟修正而变为有效。",
					"无法修正时钟的环境中，可在签名前按与服务器 Date 的差值校正签名时间，JavaScript SDK 的 CorrectClockSkew 和 Java SDK 的 COSSigner.setLocalTimeDelta 就是这样做的。",
					"如果两者相差不超过 15 分钟，请携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// The guide's "Request has expired" section; KeyTime from the request
	// signature document, the public-read behaviour from the permission FAQ,
	// the temporary-key bound from the presigned URL guide.
	CauseRequestExpired: {
		doc: "https://intl.cloud.tencent.com/document/product/436/7778",
		text: [3]text{
			{
				title: "Signature has expired",
				summary: "The request reached COS after the end of its signature's validity period: Code=AccessDenied, Message=Request has expired (no trailing period). " +
					"Either the signature or presigned URL was used after the end time in its q-sign-time (a link shared or cached for too long, a signature computed once and reused), or the local clock is so far off that the validity window was wrong from the start. " +
					"A presigned URL made with a temporary key stops working when the key expires, even if its own validity is longer. An expired signature is refused even on a public-read object: COS checks the signature first and does not fall back to anonymous access.",
				steps: []string{
					"Read q-sign-time from the Authorization header or the presigned URL: its second number is the end of validity in Unix seconds. Compare it with the moment the request was sent.",
					"Set the validity again: compute a new signature or presigned URL with a new KeyTime whose end lies after the moment the request will actually be sent (the Go SDK defaults to one hour). Sign each request when it is sent rather than reusing an old signature; validity cannot be permanent, but with a permanent key the end can be set far ahead.",
					"If the URL was made with a temporary key, get a fresh key before signing: the URL cannot outlive the key.",
					"Check the local clock (date -R on Linux; Control Panel > Clock, Language, and Region > Date and Time on Windows) and synchronize it with NTP if it differs from the actual time of the region.",
					"If the error remains after re-signing and syncing the clock, contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title: "署名の有効期限切れ",
				summary: "署名の有効期間が終わった後にリクエストがCOSに届きました：Code=AccessDenied、Message=Request has expired（末尾にピリオドはありません）。" +
					"署名や署名付きURLがq-sign-timeの終了時刻を過ぎてから使われたか（長く共有・キャッシュされたリンク、一度計算して使い回した署名など）、ローカルの時計が大きくずれていて有効期間が最初から誤っていたかのどちらかです。" +
					"一時キーで作った署名付きURLは、URL自体の有効期間が長くても、キーの期限が切れた時点で使えなくなります。期限切れの署名はパブリック読み取りのオブジェクトでも拒否されます。COSは先に署名を検証し、匿名アクセスとして扱い直すことはありません。",
				steps: []string{
					"Authorizationヘッダーまたは署名付きURLからq-sign-timeを読み取ります。2つ目の数値が有効期間の終了時刻（Unix秒）です。リクエストを送信した時刻と比較します。",
					"署名の有効期間を設定し直します。実際にリクエストを送る時刻より後に終わる新しいKeyTimeで、署名または署名付きURLを作り直します（Go SDKの既定は1時間）。古い署名を使い回さず、送信のたびに署名します。有効期間を無期限にはできませんが、永続キーなら終了時刻を遠い将来に設定できます。",
					"URLを一時キーで作った場合は、署名の前に新しいキーを取得します。URLがキーより長く有効になることはありません。",
					"ローカルの時刻を確認し（Linuxではdate -R、Windowsではコントロールパネル>時計、言語および地域>日付と時刻の設定）、所在リージョンの時刻とずれていればNTPで同期します。",
					"署名し直して時刻を同期しても解決しない場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title: "签名已过期",
				summary: "请求到达 COS 时，其签名的有效期已经结束：Code=AccessDenied，Message=Request has expired（末尾没有句点）。" +
					"要么签名或预签名 URL 在 q-sign-time 的结束时间之后才被使用（链接分享或缓存太久、签名计算一次后反复使用），要么本地时钟偏差过大，有效期从一开始就算错了。" +
					"用临时密钥生成的预签名 URL 在密钥过期时失效，即使 URL 本身的有效期更长。过期的签名即使访问公有读对象也会被拒绝：COS 先校验签名，不会退回按匿名访问处理。",
				steps: []string{
					"从 Authorization 头部或预签名 URL 中读取 q-sign-time：第二个数字是有效期的结束时间（Unix 秒）。将其与请求发出的时间比较。",
					"重新设置签名有效期：使用新的 KeyTime 重新计算签名或预签名 URL，使结束时间晚于请求实际发出的时间（Go SDK 默认为 1 小时）。每次发送请求时再签名，不要重复使用旧签名；有效期不能设为永久，但使用永久密钥时可以把结束时间设得很远。",
					"如果 URL 是用临时密钥生成的，签名前先获取新的临时密钥：URL 的有效期不可能超过密钥。",
					"检查本地时间（Linux 上执行 date -R；Windows 上打开控制面板 > 时钟、语言和区域 > 日期和时间），与所在地域的时间不一致时通过 NTP 同步。",
					"重新签名并同步时间后仍然报错，请携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// The guide's "SignatureDoesNotMatch" section; the comparison of
	// FormatString/StringToSign and the usual culprits from the request
	// signature document, the signature tool page and captured bodies.
	CauseSignatureMismatch: {
		doc: "https://intl.cloud.tencent.com/document/product/436/7778",
		text: [3]text{
			{
				title: "Signature does not match",
				summary: "COS recomputed the signature from the request it received and got a different value: Code=SignatureDoesNotMatch with Message=The Signature you specified is invalid., or Code=AccessDenied with Message=SignatureDoesNotMatch. " +
					"The error body usually includes the server's <FormatString> (its HttpString: method, path, parameters and headers) and <StringToSign>, which show exactly what COS signed. " +
					"Frequent causes: a SecretKey that is wrong or belongs to another SecretId; a + in the object key sent as is, which COS reads as a space; a header changed after signing, such as Content-Type gaining ; charset=utf-8; a path signed in its percent-encoded form; query values encoded twice. The older error table's InvalidSecurity (Signature string is invalid) is the same failure.",
				steps: []string{
					"Compare your signature with the server's: take <FormatString> from the error body, turn &amp; back into &, and diff it line by line against the HttpString your client built; then compare <StringToSign> with yours. The first difference points at the cause.",
					"If the path differs: sign the decoded path (/exampleobject(腾讯云), not /exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)), send a + in the key as %2B and a space as %20, and for a path-style URL include /<BucketName-APPID> in the signed path.",
					"If a header value differs, something changed it after signing, typically an HTTP library appending ; charset=utf-8 to Content-Type. Set the header explicitly and sign exactly the value sent, or leave that header out of q-header-list.",
					"If parameters or headers differ in encoding: URL-encode everything except A-Z, a-z, 0-9, -, _, . and ~ with uppercase hex digits, lowercase the keys, sort them, and do not encode again a value that is already encoded.",
					"If FormatString and StringToSign both match but the signature still differs, the SecretKey is wrong: copy it again from API key management (" + remCAPI + ") and make sure it belongs to the SecretId in q-ak.",
					"Check the implementation against the Request Signature document and the COS signature tool (" + remSignTool + "), which shows every intermediate value.",
					"If the client's and the server's signatures are identical and COS still refuses, contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title: "署名の不一致",
				summary: "COSが受け取ったリクエストから署名を計算し直したところ、異なる値になりました：Code=SignatureDoesNotMatch、Message=The Signature you specified is invalid.、またはCode=AccessDenied、Message=SignatureDoesNotMatch。" +
					"エラーのボディには通常、サーバー側の<FormatString>（HttpString：メソッド、パス、パラメータ、ヘッダー）と<StringToSign>が含まれ、COSが実際に何に署名したかがわかります。" +
					"よくある原因は、SecretKeyが誤っているか別のSecretIdのものである、オブジェクトキーの+をそのまま送ってCOSが空白と解釈した、署名後にヘッダーが変わった（Content-Typeに; charset=utf-8が付くなど）、パスをパーセントエンコードしたまま署名した、クエリの値を二重にエンコードした、などです。旧エラーコード表のInvalidSecurity（Signature string is invalid）も同じ失敗です。",
				steps: []string{
					"クライアントの署名とサーバーの署名を比較します。エラーボディの<FormatString>を取り出して&amp;を&に戻し、クライアントが組み立てたHttpStringと1行ずつ突き合わせ、続いて<StringToSign>を自分のものと比べます。最初に異なる箇所が原因を示します。",
					"パスが異なる場合：デコード後のパス（/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)ではなく/exampleobject(腾讯云)）で署名し、キーの+は%2B、空白は%20として送ります。パス形式のURLでは署名するパスに/<BucketName-APPID>を含めます。",
					"ヘッダーの値が異なる場合は、署名後に何かが変更しています。典型的なのはHTTPライブラリがContent-Typeに; charset=utf-8を付け足すケースです。ヘッダーを明示的に設定して送信する値そのものに署名するか、そのヘッダーをq-header-listから外します。",
					"パラメータやヘッダーのエンコードが異なる場合：A-Z、a-z、0-9、-、_、.、~以外をすべて大文字の16進でURLエンコードし、キーを小文字にして並べ替えます。すでにエンコード済みの値を再度エンコードしないでください。",
					"FormatStringとStringToSignが一致しているのに署名が異なる場合は、SecretKeyが誤っています。APIキー管理（" + remCAPI + "）からコピーし直し、q-akのSecretIdと対になるキーであることを確認します。",
					"リクエスト署名のドキュメントと、途中の値をすべて表示するCOS署名ツール（" + remSignTool + "）で、実装した署名プロセスを確認します。",
					"クライアントとサーバーの署名が一致しているのにCOSが拒否する場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title: "签名不匹配",
				summary: "COS 根据收到的请求重新计算签名，得到的值与请求中的不同：Code=SignatureDoesNotMatch、Message=The Signature you specified is invalid.，或者 Code=AccessDenied、Message=SignatureDoesNotMatch。" +
					"错误响应体中通常包含服务端的 <FormatString>（即 HttpString：方法、路径、参数和头部）和 <StringToSign>，可以准确看出 COS 对什么内容做了签名。" +
					"常见原因：SecretKey 错误或属于另一个 SecretId；对象键中的 + 原样发送，被 COS 当作空格；签名后头部被修改，例如 Content-Type 被追加了 ; charset=utf-8；路径按百分号编码后的形式签名；查询参数值被编码了两次。旧版错误码表中的 InvalidSecurity（Signature string is invalid）是同一种失败。",
				steps: []string{
					"比较客户端与服务端的签名：从错误响应体中取出 <FormatString>，把 &amp; 还原为 &，与客户端构造的 HttpString 逐行对比；再将 <StringToSign> 与自己的对比。第一处不同就是原因所在。",
					"如果路径不同：对解码后的路径签名（/exampleobject(腾讯云)，而不是 /exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)），对象键中的 + 以 %2B 发送、空格以 %20 发送；使用路径形式的 URL 时，签名路径中要包含 /<BucketName-APPID>。",
					"如果某个头部的值不同，说明签名后有东西修改了它，典型情况是 HTTP 库给 Content-Type 追加了 ; charset=utf-8。请显式设置该头部并对实际发送的值签名，或者不把该头部放进 q-header-list。",
					"如果参数或头部的编码不同：除 A-Z、a-z、0-9、-、_、. 和 ~ 以外的字符都要用大写十六进制进行 URL 编码，键转为小写并排序，已经编码过的值不要再次编码。",
					"如果 FormatString 和 StringToSign 都一致而签名仍然不同，说明 SecretKey 有误：从 API 密钥管理（" + remCAPI + "）重新复制，并确认它与 q-ak 中的 SecretId 是同一对密钥。",
					"参照请求签名文档，并使用会显示每个中间值的 COS 签名工具（" + remSignTool + "）检查签名实现。",
					"如果客户端与服务端计算的签名一致而 COS 仍然拒绝，请携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// Strict signature mode overview and PUT Bucket StrictSignature.
	CauseStrictSignature: {
		doc: "https://intl.cloud.tencent.com/document/product/436/53889",
		text: [3]text{
			{
				title: "Strict signature: unsigned header or parameter",
				summary: "The bucket enforces strict signature mode, and the request carried a header or query parameter that the mode requires to be signed but that the signature leaves out: Code=AccessDenied with Message=Strict signature missing header that must be signed (a header such as Host, Content-Type or an x-cos-* header is missing from q-header-list) or Message=Strict signature missing param that must be signed (a parameter such as versionid is missing from q-url-param-list). " +
					"Normally COS verifies only the headers and parameters a signature lists; this mode closes that gap.",
				steps: []string{
					"Compare q-header-list and q-url-param-list in the refused request's signature with the headers and query parameters the request actually carried, and note the ones left out.",
					"Sign them: include Host and every request parameter, as the official SDKs do. With a hand-written or older signer, add the missing names, lowercased and sorted, to q-header-list or q-url-param-list and to the HttpHeaders or HttpParameters being signed.",
					"Ask the bucket owner which headers and parameters the strict-signature configuration (set with PUT Bucket StrictSignature) requires, and make sure the client signs each of them whenever it sends it.",
					"Send the request again. If it now fails with SignatureDoesNotMatch, a header you started signing is modified after signing; follow the steps for that error.",
				},
			},
			{
				title: "厳格署名モード：署名されていないヘッダーまたはパラメータ",
				summary: "バケットで厳格署名モードが有効になっており、このモードで署名が必須とされるヘッダーまたはクエリパラメータが、リクエストに含まれているのに署名の対象から漏れています：Code=AccessDenied、Message=Strict signature missing header that must be signed（Host、Content-Type、x-cos-*などのヘッダーがq-header-listにない）、またはMessage=Strict signature missing param that must be signed（versionidなどのパラメータがq-url-param-listにない）。" +
					"通常、COSは署名に列挙されたヘッダーとパラメータしか検証しませんが、このモードではその抜けを許しません。",
				steps: []string{
					"拒否されたリクエストの署名にあるq-header-listとq-url-param-listを、実際に送ったヘッダーとクエリパラメータと比較し、漏れているものを特定します。",
					"それらに署名します。公式SDKと同様に、Hostとすべてのリクエストパラメータを署名に含めます。独自実装や古い署名処理の場合は、漏れている名前を小文字にして並べ替え、q-header-listまたはq-url-param-listと、署名するHttpHeadersまたはHttpParametersに追加します。",
					"厳格署名の設定（PUT Bucket StrictSignatureで設定）がどのヘッダーとパラメータを必須としているかをバケットの所有者に確認し、それらを送るときは必ず署名するようにします。",
					"リクエストを再送します。今度はSignatureDoesNotMatchになる場合は、新たに署名対象にしたヘッダーが署名後に変更されています。そのエラーの手順に従ってください。",
				},
			},
			{
				title: "严格签名：头部或参数未签名",
				summary: "存储桶启用了严格签名模式，请求中携带了该模式要求签名的头部或查询参数，但签名中没有包含它：Code=AccessDenied，Message=Strict signature missing header that must be signed（Host、Content-Type 或 x-cos-* 等头部不在 q-header-list 中），或 Message=Strict signature missing param that must be signed（versionid 等参数不在 q-url-param-list 中）。" +
					"通常 COS 只校验签名中列出的头部和参数，该模式补上了这个缺口。",
				steps: []string{
					"将被拒绝请求签名中的 q-header-list 和 q-url-param-list 与请求实际携带的头部和查询参数对比，找出遗漏的项。",
					"为这些项签名：像官方 SDK 那样，把 Host 和所有请求参数都纳入签名。自行实现或较旧的签名代码，需要把遗漏的名称转为小写并排序后加入 q-header-list 或 q-url-param-list，以及参与签名的 HttpHeaders 或 HttpParameters。",
					"向存储桶所有者确认严格签名配置（通过 PUT Bucket StrictSignature 设置）要求哪些头部和参数，确保客户端发送它们时一定签名。",
					"重新发送请求。如果这次返回 SignatureDoesNotMatch，说明新纳入签名的某个头部在签名后被修改了，请按该错误的步骤处理。",
				},
			},
		},
	},

	// The guide's "Access Denied." section (steps 1-10 and its three
	// precedence notes); default deny, explicit deny and the union of
	// identity- and resource-based policies from the policy evaluation
	// document; the STS policy scope from the temporary key guide.
	CausePermissionDenied: {
		doc: "https://intl.cloud.tencent.com/document/product/436/35240",
		text: [3]text{
			{
				title: "No permission for this request",
				summary: "The request was signed, but the identity behind q-ak (a root account, a sub-account or a temporary key) has no grant for this action on this resource, or an explicit deny applies: Code=AccessDenied, Message=Access Denied. " +
					"COS denies by default; access comes from the union of identity-based policies (CAM user and user-group policies) and resource-based ones (bucket policy, bucket and object ACLs), and an explicit deny overrides any allow. " +
					"For a temporary key, the policy submitted when the key was requested further limits what it may do. The key may also belong to another account than the bucket owner, with no cross-account grant. The older error table's AccountProblem (the account denied the operation) is handled the same way.",
				steps: []string{
					"Log in to the COS console (" + remConsole + "), choose Bucket List in the left navigation and click the bucket's name to open its configuration page.",
					"In the left navigation choose Permission Management > Bucket ACL and check whether the account that sends the request is listed. If it is not, click Add User and give it the permissions it needs.",
					"If it is listed, check that its permissions cover the operation; if they do not, click Edit and set them again.",
					"In Policy Settings, check whether a policy grants this account the action on the resource. If none does, click Add Policy and grant the account that actually signs the request what it needs (for example name/cos:GetObject on qcs::cos:<region>:uid/<APPID>:<BucketName-APPID>/<prefix>/*; a folder needs /*). If one exists but falls short, click Edit and correct it.",
					"Read the policies with COS's precedence in mind: when the bucket ACL is private read/write and a policy allows anonymous access, the policy prevails over the ACL; when the same sub-user is both allowed and denied an action, the deny wins; a policy for Everyone ranks below a policy for a Specified user.",
					"For a sub-account, also check its CAM user and user-group policies: it needs an allow there or on the bucket, and an explicit deny aimed at it overrides any allow.",
					"Check that q-ak, the SecretId in the signature, belongs to the account that owns the target bucket, comparing it case-sensitively. If it does not, switch to a key of that account.",
					"If the access is meant to be cross-account, have the bucket owner grant the other account access to the bucket or objects, and have that account's root grant its sub-account in CAM.",
					"With a temporary key, check the policy used to request it: its action, resource and allowPrefix must cover this operation and object key. If they do not, request a new key with the right scope.",
					"If none of this explains the refusal, enter the RequestId in the self-diagnosis tool (" + remDiagnose + ") and contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title: "アクセス権限がない",
				summary: "リクエストには署名がありますが、q-akの主体（ルートアカウント、サブアカウント、一時キー）にこのリソースに対するこの操作の権限がないか、明示的な禁止が適用されています：Code=AccessDenied、Message=Access Denied.。" +
					"COSは既定で拒否します。アクセス権限はIDベースのポリシー（CAMのユーザーポリシー、ユーザーグループポリシー）とリソースベースのポリシー（バケットポリシー、バケットACL、オブジェクトACL）の和集合で決まり、明示的な禁止はどの許可よりも優先されます。" +
					"一時キーの場合は、キーの申請時に指定したポリシーがさらに範囲を制限します。また、キーがバケット所有者とは別のアカウントのもので、クロスアカウントの権限が与えられていない可能性もあります。旧エラーコード表のAccountProblem（アカウントにより操作が拒否された）も同じように扱います。",
				steps: []string{
					"COSコンソール（" + remConsole + "）にログインし、左側ナビゲーションバーでバケットリストを選択して、対象バケットの名前をクリックし、バケット設定ページを開きます。",
					"左側ナビゲーションバーで権限管理>バケットアクセス許可を選択し、リクエストを送るアカウントが登録されているかを確認します。登録されていない場合は、ユーザーを追加をクリックして必要な権限を設定します。",
					"登録されている場合は、その権限が操作をカバーしているかを確認し、足りなければ編集をクリックして設定し直します。",
					"Policy権限設定で、このアカウントにリソースへの操作を許可するポリシーがあるかを確認します。ない場合はポリシーの追加をクリックし、実際に署名するアカウントに必要な権限を与えます（例：qcs::cos:<region>:uid/<APPID>:<BucketName-APPID>/<prefix>/* に対するname/cos:GetObject。フォルダには /* が必要です）。あっても不足している場合は編集をクリックして修正します。",
					"ポリシーを見るときはCOSの優先順位に注意します。バケットアクセス許可がプライベート読み取り/書き込みで、ポリシーが匿名アクセスを許可している場合は、ポリシーがバケットアクセス許可より優先されます。同一のサブユーザーに許可と禁止の両方がある場合は、禁止が優先されます。「全ユーザー」のポリシーは「指定ユーザー」のポリシーより優先順位が低くなります。",
					"サブアカウントの場合は、CAMのユーザーポリシーとユーザーグループポリシーも確認します。そこかバケット側で許可が必要で、そのサブアカウントを対象とした明示的な禁止があれば、どの許可よりも優先されます。",
					"署名のq-ak（SecretId）が、対象バケットを所有するアカウントのものかを、大文字と小文字を区別して確認します。違う場合は、そのアカウントのキーに切り替えます。",
					"クロスアカウントアクセスの場合は、バケットの所有者が相手のアカウントにバケットやオブジェクトへのアクセスを承認し、相手アカウントのルートがCAMでサブアカウントに権限を与える必要があります。",
					"一時キーの場合は、申請時に使ったポリシーを確認します。action、resource、allowPrefixがこの操作とオブジェクトキーをカバーしている必要があります。カバーしていなければ、適切な範囲で一時キーを申請し直します。",
					"いずれにも当てはまらない場合は、RequestIdをセルフ診断ツール（" + remDiagnose + "）に入力し、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title: "没有该请求的权限",
				summary: "请求带有签名，但 q-ak 对应的身份（主账号、子账号或临时密钥）没有对该资源执行该操作的授权，或者命中了显式拒绝：Code=AccessDenied，Message=Access Denied.。" +
					"COS 默认拒绝；权限由基于身份的策略（CAM 用户策略和用户组策略）与基于资源的策略（存储桶策略、存储桶 ACL 和对象 ACL）的并集决定，显式拒绝优先于任何允许。" +
					"使用临时密钥时，申请密钥时提交的策略会进一步限制其权限范围。密钥也可能属于存储桶所有者以外的账号，且没有跨账号授权。旧版错误码表中的 AccountProblem（操作被账号拒绝）也按同样方式处理。",
				steps: []string{
					"登录 COS 控制台（" + remConsole + "），在左侧导航栏选择存储桶列表，单击目标存储桶名称，进入存储桶配置页面。",
					"在左侧导航栏选择权限管理 > 存储桶访问权限，检查发起请求的账号是否在列表中。如果不在，单击添加用户，为其设置所需权限。",
					"如果已在列表中，检查其权限是否覆盖该操作；不够时单击编辑重新设置。",
					"在 Policy 权限设置中，检查是否有策略授予该账号对该资源的操作。如果没有，单击添加策略，为实际签名的账号授予所需权限（例如对 qcs::cos:<region>:uid/<APPID>:<BucketName-APPID>/<prefix>/* 授予 name/cos:GetObject；对文件夹授权需要 /*）。如果有但权限不足，单击编辑进行修改。",
					"查看策略时注意 COS 的优先级：存储桶访问权限为私有读写而 Policy 允许匿名访问时，Policy 优先于存储桶访问权限；同一子用户对同一操作既有允许又有拒绝时，拒绝优先；“所有用户”策略的优先级低于“指定用户”策略。",
					"如果是子账号，还要检查其 CAM 用户策略和用户组策略：需要在那里或存储桶上有允许，而针对它的显式拒绝会覆盖任何允许。",
					"确认签名中的 q-ak（SecretId）属于目标存储桶所在的账号，比较时区分大小写。如果不是，改用该账号的密钥。",
					"如果是跨账号访问，需要由存储桶所有者为对方账号授予存储桶或对象的访问权限，再由对方主账号在 CAM 中为其子账号授权。",
					"使用临时密钥时，检查申请时使用的策略：其中的 action、resource 和 allowPrefix 必须覆盖本次操作和对象键。否则请按正确的范围重新申请临时密钥。",
					"如果以上都无法解释，请在自助诊断工具（" + remDiagnose + "）中输入 RequestId，并携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// ExpiredToken from the error code table; lifetimes and passing the
	// token from the temporary key, request signature and presigned URL
	// documents.
	CauseTempCredentialExpired: {
		doc: "https://intl.cloud.tencent.com/document/product/436/14048",
		text: [3]text{
			{
				title: "Temporary key has expired",
				summary: "The temporary key's token, sent as x-cos-security-token, is no longer valid: Code=ExpiredToken, returned with HTTP 400 (older versions of the error code table listed it under 403 as \"Signature string expired\"). " +
					"Temporary keys last 1800 s unless a longer duration was requested, up to 7200 s for a root account and 129600 s (36 h) for a sub-account. An expired temporary key can also be reported as InvalidAccessKeyId.",
				steps: []string{
					"Request a new temporary key and sign with its SecretId, SecretKey and token together: the three are issued as a set and cannot be mixed with those of an earlier key.",
					"Send the new token with each request: in the x-cos-security-token header when the signature is in the Authorization header, or as the x-cos-security-token query parameter of a presigned URL.",
					"Renew keys before their lifetime ends rather than after a failure, and if the work lasts longer than the default 1800 s, request a longer duration within the limit.",
					"Regenerate presigned URLs from the new key: a URL signed with a temporary key is valid only while both its signature and the key are.",
				},
			},
			{
				title: "一時キーの有効期限切れ",
				summary: "x-cos-security-tokenで送られた一時キーのトークンが失効しています：Code=ExpiredToken、HTTPステータスは400です（古いエラーコード表では403の「Signature string expired」として記載されていました）。" +
					"一時キーの有効期間は、長い期間を指定しない限り1800秒で、最長でルートアカウントは7200秒、サブアカウントは129600秒（36時間）です。期限切れの一時キーはInvalidAccessKeyIdとして返されることもあります。",
				steps: []string{
					"新しい一時キーを申請し、そのSecretId、SecretKey、トークンを組み合わせて署名します。この3つは1組で発行されるため、以前のキーのものと混ぜて使うことはできません。",
					"リクエストごとに新しいトークンを送ります。署名をAuthorizationヘッダーに入れる場合はx-cos-security-tokenヘッダーで、署名付きURLの場合はx-cos-security-tokenクエリパラメータで送ります。",
					"失敗してからではなく、有効期間が切れる前にキーを更新します。処理が既定の1800秒より長くかかる場合は、上限の範囲内でより長い有効期間を指定して申請します。",
					"署名付きURLは新しいキーで作り直します。一時キーで署名したURLは、署名とキーの両方が有効な間しか使えません。",
				},
			},
			{
				title: "临时密钥已过期",
				summary: "通过 x-cos-security-token 发送的临时密钥 Token 已失效：Code=ExpiredToken，HTTP 状态码为 400（旧版错误码表曾将其列在 403 下，描述为“Signature string expired”）。" +
					"除非申请时指定了更长的时长，临时密钥有效期为 1800 秒；主账号最长 7200 秒，子账号最长 129600 秒（36 小时）。过期的临时密钥也可能以 InvalidAccessKeyId 的形式返回。",
				steps: []string{
					"重新申请临时密钥，并同时使用其 SecretId、SecretKey 和 Token 签名：三者是成套下发的，不能与之前密钥的值混用。",
					"每个请求都携带新的 Token：签名放在 Authorization 头部时使用 x-cos-security-token 头部，预签名 URL 则使用 x-cos-security-token 查询参数。",
					"在有效期结束之前而不是失败之后更新密钥；如果任务耗时超过默认的 1800 秒，请在上限范围内申请更长的有效期。",
					"用新密钥重新生成预签名 URL：用临时密钥签名的 URL 只在签名和密钥都有效时可用。",
				},
			},
		},
	},

	// The guide's "InvalidObjectState" section; the 403 sample with
	// x-cos-storage-class from GET Object, x-cos-restore from HEAD Object,
	// the request and tiers from POST Object restore.
	CauseArchivedObject: {
		doc: "https://intl.cloud.tencent.com/document/product/436/12633",
		text: [3]text{
			{
				title: "Archived object not restored",
				summary: "The object is stored as ARCHIVE or DEEP_ARCHIVE and has no readable copy, either because it was never restored or because the restored copy has expired: Code=InvalidObjectState with Message=The operation is not valid for the object storage class., or Code=AccessDenied with Message=InvalidObjectState as the 403 troubleshooting guide prints it. " +
					"The refusal carries the x-cos-storage-class header with the object's class. The object has to be restored with POST Object restore before it can be read.",
				steps: []string{
					"Check the storage class: send a HEAD for the object and read x-cos-storage-class, which is returned only for classes other than STANDARD. If it is neither ARCHIVE nor DEEP_ARCHIVE, contact support (" + remContact + ") with the RequestId.",
					"Read x-cos-restore in the same response: no header means no restore was requested; ongoing-request=\"true\" means a restore is running; ongoing-request=\"false\", expiry-date=\"…\" means a restored copy is readable until that date.",
					"Start a restore with POST Object restore: POST /<ObjectKey>?restore with the body <RestoreRequest><Days>…</Days><CASJobParameters><Tier>…</Tier></CASJobParameters></RestoreRequest>, answered with 202 Accepted (in the Go SDK, Object.PostRestore with ObjectRestoreOptions). Days sets how long the restored copy stays readable.",
					"Choose the tier for the time you can wait: ARCHIVE Expedited 1–5 min, Standard 3–5 h, Bulk 5–12 h; DEEP_ARCHIVE Standard 12–24 h, Bulk 24–48 h.",
					"Repeat the HEAD until x-cos-restore shows ongoing-request=\"false\", then read the object again before its expiry-date. RestoreAlreadyInProgress (409) means a restore is already running; RestoreNonArchiveObject (405) means the object is not archived.",
				},
			},
			{
				title: "アーカイブオブジェクトが未復元",
				summary: "オブジェクトがARCHIVEまたはDEEP_ARCHIVEとして保存されており、読み取れるコピーがありません（一度も復元されていないか、復元したコピーの期限が切れています）：Code=InvalidObjectState、Message=The operation is not valid for the object storage class.、または403トラブルシューティングガイドの表記ではCode=AccessDenied、Message=InvalidObjectState。" +
					"拒否のレスポンスには、オブジェクトのストレージクラスを示すx-cos-storage-classヘッダーが付きます。読み取る前に、POST Object restoreでオブジェクトを復元する必要があります。",
				steps: []string{
					"ストレージクラスを確認します。オブジェクトにHEADを送り、x-cos-storage-classを読み取ります（STANDARD以外のクラスでのみ返されます）。ARCHIVEでもDEEP_ARCHIVEでもない場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
					"同じレスポンスのx-cos-restoreを確認します。ヘッダーがなければ復元は要求されていません。ongoing-request=\"true\"なら復元中、ongoing-request=\"false\", expiry-date=\"…\"ならその日時まで復元済みのコピーを読み取れます。",
					"POST Object restoreで復元を開始します：POST /<ObjectKey>?restore に <RestoreRequest><Days>…</Days><CASJobParameters><Tier>…</Tier></CASJobParameters></RestoreRequest> のボディを付けて送ると、202 Acceptedが返ります（Go SDKではObject.PostRestoreとObjectRestoreOptions）。Daysは復元したコピーを読み取れる日数です。",
					"待てる時間に合わせて取り出しモードを選びます：ARCHIVEはExpedited 1～5分、Standard 3～5時間、Bulk 5～12時間、DEEP_ARCHIVEはStandard 12～24時間、Bulk 24～48時間です。",
					"x-cos-restoreがongoing-request=\"false\"になるまでHEADを繰り返し、expiry-dateより前に再度オブジェクトを読み取ります。RestoreAlreadyInProgress（409）はすでに復元中であること、RestoreNonArchiveObject（405）はオブジェクトがアーカイブされていないことを示します。",
				},
			},
			{
				title: "归档对象尚未恢复",
				summary: "对象以 ARCHIVE 或 DEEP_ARCHIVE 存储，且没有可读取的副本（从未恢复过，或恢复出的副本已过期）：Code=InvalidObjectState、Message=The operation is not valid for the object storage class.，或者按 403 排查文档的写法为 Code=AccessDenied、Message=InvalidObjectState。" +
					"被拒绝的响应带有表示对象存储类型的 x-cos-storage-class 头部。读取之前需要先通过 POST Object restore 恢复对象。",
				steps: []string{
					"确认存储类型：对该对象发送 HEAD 请求，读取 x-cos-storage-class（仅在存储类型不是 STANDARD 时返回）。如果既不是 ARCHIVE 也不是 DEEP_ARCHIVE，请携带 RequestId 联系技术支持（" + remContact + "）。",
					"查看同一响应中的 x-cos-restore：没有该头部表示尚未发起恢复；ongoing-request=\"true\" 表示正在恢复；ongoing-request=\"false\", expiry-date=\"…\" 表示恢复出的副本在该日期之前可读。",
					"通过 POST Object restore 发起恢复：POST /<ObjectKey>?restore，请求体为 <RestoreRequest><Days>…</Days><CASJobParameters><Tier>…</Tier></CASJobParameters></RestoreRequest>，成功时返回 202 Accepted（Go SDK 中为 Object.PostRestore 与 ObjectRestoreOptions）。Days 决定恢复出的副本可读取的天数。",
					"根据能等待的时间选择恢复模式：ARCHIVE 为 Expedited 1–5 分钟、Standard 3–5 小时、Bulk 5–12 小时；DEEP_ARCHIVE 为 Standard 12–24 小时、Bulk 24–48 小时。",
					"反复发送 HEAD，直到 x-cos-restore 显示 ongoing-request=\"false\"，然后在 expiry-date 之前重新读取对象。RestoreAlreadyInProgress（409）表示已在恢复中；RestoreNonArchiveObject（405）表示对象不是归档类型。",
				},
			},
		},
	},

	// POST Object common exceptions and POST Object (form fields, policy
	// conditions and signature).
	CausePostPolicyRejected: {
		doc: "https://intl.cloud.tencent.com/document/product/436/14690",
		text: [3]text{
			{
				title:   "POST Object policy rejected",
				summary: "A form upload (POST Object) failed the policy sent with it: Code=AccessDenied with Message=You post object request has been expired, expiration time: <time> but the time now : <time> when the policy's expiration has passed, or Message=Condition key <name> doesn't match the value <value> when a form field (q-ak, bucket, key, …) does not satisfy the matching condition of the policy. A policy that is itself invalid gives Code=InvalidPolicyDocument (HTTP 400), for example Message=You must provide condition if you specify a policy in post object request.",
				steps: []string{
					"If the policy has expired, generate the policy and its expiration (in UTC) on the server just before the form is served, about 30 minutes ahead, and check that the server's clock is right.",
					"Condition key q-ak: the form's q-ak field and the q-ak condition in the policy must be the same SecretId, the one that signs the policy.",
					"Condition key bucket: the policy's bucket condition must name the bucket the form posts to, in the form BucketName-APPID.",
					"Condition key key: the object key in the form's key field must satisfy the key condition of the policy.",
					"If the Code is InvalidPolicyDocument, the policy itself is invalid, for example it has no conditions: rebuild it as JSON with an expiration and a conditions list.",
					"Check the form itself: policy (the Base64 of the policy JSON), q-sign-algorithm=sha1, q-ak, q-key-time, q-signature and, for a temporary key, x-cos-security-token, all placed before the file field; the policy's conditions must include q-sign-algorithm, q-ak and q-sign-time, and q-signature is the HMAC-SHA1 of SHA1(policy) with the SignKey.",
				},
			},
			{
				title:   "POST Objectのポリシーによる拒否",
				summary: "フォームアップロード（POST Object）が、一緒に送ったポリシーの条件を満たしませんでした：ポリシーのexpirationを過ぎている場合はCode=AccessDenied、Message=You post object request has been expired, expiration time: <time> but the time now : <time>、フォームのフィールド（q-ak、bucket、keyなど）がポリシーの対応する条件を満たさない場合はMessage=Condition key <name> doesn't match the value <value>です。ポリシー自体が不正な場合はCode=InvalidPolicyDocument（HTTP 400）で、例えばMessage=You must provide condition if you specify a policy in post object request.となります。",
				steps: []string{
					"ポリシーの期限が切れている場合は、フォームを返す直前にサーバー側でポリシーとexpiration（UTC）を生成し、30分程度先に設定します。サーバーの時刻が正しいことも確認します。",
					"Condition key q-ak：フォームのq-akフィールドとポリシーのq-ak条件は、ポリシーに署名するのと同じSecretIdである必要があります。",
					"Condition key bucket：ポリシーのbucket条件には、フォームの送信先バケットをBucketName-APPIDの形式で指定します。",
					"Condition key key：フォームのkeyフィールドのオブジェクトキーが、ポリシーのkey条件を満たす必要があります。",
					"CodeがInvalidPolicyDocumentの場合はポリシー自体が不正です（conditionsがないなど）。expirationとconditionsのリストを持つJSONとして作り直します。",
					"フォーム自体を確認します。policy（ポリシーJSONのBase64）、q-sign-algorithm=sha1、q-ak、q-key-time、q-signature、一時キーの場合はx-cos-security-tokenを、すべてfileフィールドより前に置きます。ポリシーのconditionsにはq-sign-algorithm、q-ak、q-sign-timeを含める必要があり、q-signatureはSignKeyによるSHA1(policy)のHMAC-SHA1です。",
				},
			},
			{
				title:   "POST Object 策略校验失败",
				summary: "表单上传（POST Object）没有通过随表单提交的策略：策略的 expiration 已过时返回 Code=AccessDenied、Message=You post object request has been expired, expiration time: <time> but the time now : <time>；表单字段（q-ak、bucket、key 等）不满足策略中对应条件时返回 Message=Condition key <name> doesn't match the value <value>。策略本身无效时返回 Code=InvalidPolicyDocument（HTTP 400），例如 Message=You must provide condition if you specify a policy in post object request.。",
				steps: []string{
					"如果策略已过期，请在服务端返回表单之前即时生成策略及其 expiration（UTC 时间），设为约 30 分钟之后，并确认服务器时钟准确。",
					"Condition key q-ak：表单的 q-ak 字段与策略中的 q-ak 条件必须是同一个 SecretId，即用于签名该策略的 SecretId。",
					"Condition key bucket：策略中的 bucket 条件必须是表单提交的目标存储桶，格式为 BucketName-APPID。",
					"Condition key key：表单 key 字段中的对象键必须满足策略中的 key 条件。",
					"如果 Code 为 InvalidPolicyDocument，说明策略本身无效（例如没有 conditions）：请按 JSON 格式重新生成，包含 expiration 和 conditions 列表。",
					"检查表单本身：policy（策略 JSON 的 Base64）、q-sign-algorithm=sha1、q-ak、q-key-time、q-signature，以及使用临时密钥时的 x-cos-security-token，都要放在 file 字段之前；策略的 conditions 必须包含 q-sign-algorithm、q-ak 和 q-sign-time，q-signature 是用 SignKey 对 SHA1(policy) 计算的 HMAC-SHA1。",
				},
			},
		},
	},

	// The bucket domain security notice (product/436/102489) and the live
	// PathStyleDomainForbidden response; path-style signing from the Mini
	// Program SDK FAQ.
	CausePathStyleForbidden: {
		doc: "https://cloud.tencent.com/document/product/436/102489",
		text: [3]text{
			{
				title:   "Path-style URL not allowed",
				summary: "The bucket was addressed path-style (cos.<region>.myqcloud.com/<BucketName-APPID>/<key>), which COS refuses for buckets created on or after 2024-01-01: Code=PathStyleDomainForbidden, Message=The bucket you are attempting to access must be addressed using COS virtual-styled domain. Buckets created earlier still accept path-style URLs.",
				steps: []string{
					"Address the bucket virtual-hosted style: https://<BucketName-APPID>.cos.<region>.myqcloud.com/<key>.",
					"Turn off path-style addressing in the client (ForcePathStyle or the equivalent option of S3-compatible tools); with the Go SDK, build the bucket URL with cos.NewBucketURL(bucket, region, true).",
					"Sign the request for the new URL: a path-style signature includes /<BucketName-APPID> in the signed path, whereas a virtual-hosted one signs /<key> with the bucket's domain as Host.",
				},
			},
			{
				title:   "パス形式のURLは使用不可",
				summary: "バケットにパス形式（cos.<region>.myqcloud.com/<BucketName-APPID>/<key>）でアクセスしましたが、2024年1月1日以降に作成されたバケットではCOSがこれを拒否します：Code=PathStyleDomainForbidden、Message=The bucket you are attempting to access must be addressed using COS virtual-styled domain.。それより前に作成されたバケットでは、パス形式のURLを引き続き使えます。",
				steps: []string{
					"仮想ホスト形式でバケットにアクセスします：https://<BucketName-APPID>.cos.<region>.myqcloud.com/<key>。",
					"クライアントのパス形式アクセスを無効にします（ForcePathStyle、またはS3互換ツールの同等のオプション）。Go SDKではcos.NewBucketURL(bucket, region, true)でバケットURLを作成します。",
					"新しいURLに合わせて署名し直します。パス形式の署名では署名するパスに/<BucketName-APPID>が含まれますが、仮想ホスト形式ではバケットのドメインをHostとして/<key>に署名します。",
				},
			},
			{
				title:   "不允许使用路径形式的 URL",
				summary: "以路径形式（cos.<region>.myqcloud.com/<BucketName-APPID>/<key>）访问了存储桶，而对于 2024 年 1 月 1 日及之后创建的存储桶，COS 会拒绝这种访问：Code=PathStyleDomainForbidden，Message=The bucket you are attempting to access must be addressed using COS virtual-styled domain.。此前创建的存储桶仍可使用路径形式的 URL。",
				steps: []string{
					"改用虚拟主机形式访问存储桶：https://<BucketName-APPID>.cos.<region>.myqcloud.com/<key>。",
					"在客户端关闭路径形式访问（ForcePathStyle 或 S3 兼容工具中的同类选项）；使用 Go SDK 时，用 cos.NewBucketURL(bucket, region, true) 构造存储桶 URL。",
					"针对新 URL 重新签名：路径形式的签名路径包含 /<BucketName-APPID>，而虚拟主机形式以存储桶域名作为 Host，只对 /<key> 签名。",
				},
			},
		},
	},

	// The bucket domain security notice (product/436/102489) and the live
	// DownloadForbidden response.
	CauseDownloadForbidden: {
		doc: "https://cloud.tencent.com/document/product/436/102489",
		text: [3]text{
			{
				title: "APK/IPA download over the default domain",
				summary: "COS does not distribute .apk and .ipa files over the bucket's default domain (<BucketName-APPID>.cos.<region>.myqcloud.com): Code=DownloadForbidden, Message=The APK/IPA file is not allowed to be distributed in a public network using COS default domain, please use custom domain instead. " +
					"A signature does not lift the restriction. On new buckets the default domain also serves files with Content-Disposition: attachment.",
				steps: []string{
					"Bind a custom domain to the bucket.",
					"Publish the download links of .apk and .ipa files on that custom domain instead of the default domain.",
					"Leave the object's permissions as they are: neither signing the URL nor making the object public-read makes the default domain serve it.",
				},
			},
			{
				title: "デフォルトドメインでのAPK/IPAダウンロード",
				summary: "COSはバケットのデフォルトドメイン（<BucketName-APPID>.cos.<region>.myqcloud.com）で.apkと.ipaファイルを配信しません：Code=DownloadForbidden、Message=The APK/IPA file is not allowed to be distributed in a public network using COS default domain, please use custom domain instead.。" +
					"署名を付けてもこの制限は解除されません。新しいバケットでは、デフォルトドメインのファイルはContent-Disposition: attachment付きで返されます。",
				steps: []string{
					"バケットにカスタムドメインをバインドします。",
					".apkと.ipaファイルのダウンロードリンクを、デフォルトドメインではなくそのカスタムドメインで公開します。",
					"オブジェクトの権限は変更不要です。URLに署名しても、オブジェクトをパブリック読み取りにしても、デフォルトドメインからは配信されません。",
				},
			},
			{
				title: "默认域名下载 APK/IPA 被禁止",
				summary: "COS 不通过存储桶的默认域名（<BucketName-APPID>.cos.<region>.myqcloud.com）分发 .apk 和 .ipa 文件：Code=DownloadForbidden，Message=The APK/IPA file is not allowed to be distributed in a public network using COS default domain, please use custom domain instead.。" +
					"携带签名也无法解除该限制。新建存储桶的默认域名还会以 Content-Disposition: attachment 返回文件。",
				steps: []string{
					"为存储桶绑定自定义域名。",
					"通过该自定义域名而不是默认域名发布 .apk 和 .ipa 文件的下载链接。",
					"无需修改对象权限：无论为 URL 签名还是将对象设为公有读，默认域名都不会提供下载。",
				},
			},
		},
	},

	// UserNotSourceBucketOwner and UserNotTargetBucketOwner from the error
	// code table.
	CauseNotBucketOwner: {
		doc: "https://intl.cloud.tencent.com/document/product/436/7730",
		text: [3]text{
			{
				title:   "Not the bucket owner",
				summary: "The operation requires the requester to own a bucket it involves: Code=UserNotSourceBucketOwner when the requester is not the owner of the source bucket, Code=UserNotTargetBucketOwner when it is not the owner of the destination bucket.",
				steps: []string{
					"Read the Code to see which bucket is meant: Source is the bucket the data comes from, Target the bucket it goes to.",
					"Find the account that owns that bucket, and check in API key management (" + remCAPI + ") whether the SecretId in q-ak belongs to it.",
					"Send the request with credentials of the account that owns the bucket.",
					"If the key already belongs to the owner, contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title:   "バケットの所有者ではない",
				summary: "この操作では、リクエスト元が関係するバケットの所有者である必要があります：ソースバケットの所有者でない場合はCode=UserNotSourceBucketOwner、宛先バケットの所有者でない場合はCode=UserNotTargetBucketOwnerです。",
				steps: []string{
					"Codeからどちらのバケットかを確認します。Sourceはデータの取得元、Targetはデータの書き込み先のバケットです。",
					"そのバケットを所有するアカウントを確認し、APIキー管理（" + remCAPI + "）でq-akのSecretIdがそのアカウントのものかを確認します。",
					"バケットを所有するアカウントの認証情報でリクエストを送ります。",
					"キーがすでに所有者のものである場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title:   "不是存储桶所有者",
				summary: "该操作要求请求者是所涉及存储桶的所有者：请求者不是源存储桶所有者时返回 Code=UserNotSourceBucketOwner，不是目标存储桶所有者时返回 Code=UserNotTargetBucketOwner。",
				steps: []string{
					"根据 Code 判断是哪个存储桶：Source 是数据来源的存储桶，Target 是数据写入的存储桶。",
					"确认该存储桶所属的账号，并在 API 密钥管理（" + remCAPI + "）中检查 q-ak 中的 SecretId 是否属于该账号。",
					"使用存储桶所属账号的凭证发送请求。",
					"如果密钥已属于存储桶所有者，请携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// NoProcessAuthority from the error code table.
	CauseNoProcessAuthority: {
		doc: "https://intl.cloud.tencent.com/document/product/436/7730",
		text: [3]text{
			{
				title:   "No image-processing permission",
				summary: "The request asked COS to process an image, and the account behind q-ak has no permission to do so: Code=NoProcessAuthority.",
				steps: []string{
					"Identify the account or sub-account that signed the request from the SecretId in q-ak.",
					"Have the root account grant that account image-processing permission in CAM, then retry.",
					"With a temporary key, make sure the policy used to request it also allows the image-processing request.",
					"If the permission is in place and the error persists, contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title:   "画像処理の権限がない",
				summary: "リクエストがCOSに画像処理を求めましたが、q-akの主体となるアカウントに画像処理の権限がありません：Code=NoProcessAuthority。",
				steps: []string{
					"q-akのSecretIdから、リクエストに署名したアカウントまたはサブアカウントを特定します。",
					"ルートアカウントにCAMでそのアカウントへ画像処理の権限を付与してもらい、再試行します。",
					"一時キーの場合は、申請時に使ったポリシーが画像処理のリクエストも許可していることを確認します。",
					"権限があるのにエラーが続く場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title:   "没有图片处理权限",
				summary: "请求要求 COS 处理图片，但 q-ak 对应的账号没有图片处理权限：Code=NoProcessAuthority。",
				steps: []string{
					"根据 q-ak 中的 SecretId 确定签名该请求的账号或子账号。",
					"由主账号在 CAM 中为该账号授予图片处理权限，然后重试。",
					"使用临时密钥时，确认申请时使用的策略也允许图片处理请求。",
					"如果已有权限但错误仍然存在，请携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},

	// COS replies carry x-cos-request-id, Server: tencent-cos and an XML
	// <Error> (common response headers, error codes); MinIO also answers
	// "Access Denied."; CDN rules from the CORS and referer FAQs.
	CauseNotFromCOS: {
		doc: "https://intl.cloud.tencent.com/document/product/436/41230",
		text: [3]text{
			{
				title: "Refusal did not come from COS",
				summary: "This 403 lacks the marks of a COS reply: COS answers with an x-cos-request-id header, Server: tencent-cos and an XML <Error> document, whereas this reply has neither x-cos-request-id nor Server: tencent-cos, or carries an HTML page. " +
					"Something in front of COS refused the request: a proxy, gateway or firewall, the access rules of a CDN, or another S3-compatible service behind the endpoint (MinIO, for example, also answers Access Denied.). Changing the bucket's settings will not help until the request reaches COS.",
				steps: []string{
					"Check the endpoint in the URL: it should be <BucketName-APPID>.cos.<region>.myqcloud.com or a domain bound to the bucket, not an address that leads to another storage service.",
					"Send the same request directly to the bucket's default domain with curl -v and compare: a reply from COS shows Server: tencent-cos and x-cos-request-id.",
					"If the request goes through a CDN domain, check the CDN's own referer and access settings, which are applied before COS's, and configure CORS for that domain in the CDN console.",
					"Check the proxies, gateways and firewalls between the client and COS for a rule that blocks the request.",
					"Once the refusal comes from COS with an x-cos-request-id, note its RequestId and follow the steps for the cause it shows.",
				},
			},
			{
				title: "COS以外からの拒否",
				summary: "この403にはCOSの応答の特徴がありません。COSはx-cos-request-idヘッダー、Server: tencent-cos、XMLの<Error>ドキュメントで応答しますが、この応答にはx-cos-request-idもServer: tencent-cosもないか、HTMLページが返っています。" +
					"COSの手前にある何かがリクエストを拒否しています：プロキシ、ゲートウェイ、ファイアウォール、CDNのアクセスルール、あるいはエンドポイントの先にある別のS3互換サービス（例えばMinIOもAccess Denied.を返します）です。リクエストがCOSに届くまでは、バケットの設定を変えても解決しません。",
				steps: []string{
					"URLのエンドポイントを確認します。<BucketName-APPID>.cos.<region>.myqcloud.comか、バケットにバインドしたドメインである必要があり、別のストレージサービスにつながるアドレスであってはいけません。",
					"同じリクエストをcurl -vでバケットのデフォルトドメインに直接送り、比較します。COSからの応答にはServer: tencent-cosとx-cos-request-idが含まれます。",
					"CDNドメインを経由している場合は、COSより先に適用されるCDN側のRefererやアクセスの設定を確認し、CORSもCDNコンソールでそのドメインに設定します。",
					"クライアントとCOSの間にあるプロキシ、ゲートウェイ、ファイアウォールに、リクエストをブロックするルールがないかを確認します。",
					"x-cos-request-id付きの拒否がCOSから返るようになったら、そのRequestIdを控え、示された原因の手順に従います。",
				},
			},
			{
				title: "拒绝并非来自 COS",
				summary: "这个 403 不具备 COS 响应的特征：COS 的响应带有 x-cos-request-id 头部、Server: tencent-cos 和 XML 格式的 <Error> 文档，而该响应既没有 x-cos-request-id 也没有 Server: tencent-cos，或者返回的是 HTML 页面。" +
					"是 COS 前面的某个环节拒绝了请求：代理、网关或防火墙，CDN 的访问规则，或者端点背后的其他 S3 兼容服务（例如 MinIO 也会返回 Access Denied.）。在请求到达 COS 之前，修改存储桶配置无济于事。",
				steps: []string{
					"检查 URL 中的端点：应为 <BucketName-APPID>.cos.<region>.myqcloud.com 或绑定到存储桶的域名，而不是指向其他存储服务的地址。",
					"用 curl -v 将相同的请求直接发送到存储桶的默认域名并对比：来自 COS 的响应会显示 Server: tencent-cos 和 x-cos-request-id。",
					"如果请求经过 CDN 域名，检查先于 COS 生效的 CDN 防盗链和访问配置，并在 CDN 控制台为该域名配置跨域。",
					"检查客户端与 COS 之间的代理、网关和防火墙，看是否有规则拦截了该请求。",
					"当拒绝来自 COS 并带有 x-cos-request-id 后，记下其 RequestId，并按所显示原因的步骤处理。",
				},
			},
		},
	},

	// The guide's analysis order, the RequestId guide and the
	// self-diagnosis tool; HEAD bodies and x-cos-error-code from the
	// response header notes.
	CauseUnknown: {
		doc: "https://intl.cloud.tencent.com/document/product/436/40105",
		text: [3]text{
			{
				title:   "Unrecognized COS refusal",
				summary: "COS refused the request with a Code and Message that match none of the documented causes. Common cases are a signed HEAD request, whose 403 has no body and so no Code or Message to read (an x-cos-error-code header may still name the code), and codes outside the 403 catalog, such as the 409 InvalidObjectState for a conflict with the object's state.",
				steps: []string{
					"Record the HTTP status, Code, Message and the RequestId (the x-cos-request-id response header; the RequestId guide shows where each SDK, the console and the browser expose it).",
					"If the request was a HEAD, repeat it as a GET to get an error body with Code and Message, or read the x-cos-error-code header.",
					"Work through the 403 checks in order: CORS rules, hotlink protection, anonymous access, the SecretId, the clock, the signature, the permissions of the sub-account or temporary key, and an archived storage class.",
					"Enter the RequestId in the self-diagnosis tool (" + remDiagnose + ") for COS's own explanation.",
					"If the cause is still unclear, contact support (" + remContact + ") with the RequestId.",
				},
			},
			{
				title:   "不明なCOSの拒否",
				summary: "COSがリクエストを拒否しましたが、CodeとMessageが文書化されたどの原因にも当てはまりません。よくあるのは、署名付きのHEADリクエスト（403にボディがないためCodeもMessageも読めません。x-cos-error-codeヘッダーでコードがわかる場合はあります）と、オブジェクトの状態との競合を示す409 InvalidObjectStateのような、403の一覧にないコードです。",
				steps: []string{
					"HTTPステータス、Code、Message、RequestId（x-cos-request-idレスポンスヘッダー。各SDK、コンソール、ブラウザでの取得方法はRequestIdの取得ガイドを参照）を記録します。",
					"HEADリクエストだった場合は、GETで再実行してCodeとMessageを含むエラーボディを取得するか、x-cos-error-codeヘッダーを確認します。",
					"403の確認項目を順に見直します：CORSルール、リンク不正アクセス防止、匿名アクセス、SecretId、時刻、署名、サブアカウントまたは一時キーの権限、アーカイブのストレージクラス。",
					"セルフ診断ツール（" + remDiagnose + "）にRequestIdを入力し、COSによる説明を確認します。",
					"それでも原因がわからない場合は、RequestIdを添えてお問い合わせ（" + remContact + "）ください。",
				},
			},
			{
				title:   "无法识别的 COS 拒绝",
				summary: "COS 拒绝了请求，但其 Code 和 Message 不符合任何已记录的原因。常见情况有：带签名的 HEAD 请求，其 403 响应没有响应体，因此没有 Code 和 Message 可读（x-cos-error-code 头部可能仍会给出错误码）；以及不属于 403 错误列表的错误码，例如表示与对象状态冲突的 409 InvalidObjectState。",
				steps: []string{
					"记录 HTTP 状态码、Code、Message 和 RequestId（即 x-cos-request-id 响应头；各 SDK、控制台和浏览器中的获取方式见获取 RequestId 操作指引）。",
					"如果是 HEAD 请求，改用 GET 重新发送以获得带有 Code 和 Message 的错误响应体，或者查看 x-cos-error-code 头部。",
					"按顺序排查 403 的各项原因：CORS 规则、防盗链、匿名访问、SecretId、时间、签名、子账号或临时密钥的权限，以及归档存储类型。",
					"在自助诊断工具（" + remDiagnose + "）中输入 RequestId，查看 COS 给出的说明。",
					"如果仍无法确定原因，请携带 RequestId 联系技术支持（" + remContact + "）。",
				},
			},
		},
	},
}
