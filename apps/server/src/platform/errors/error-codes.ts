/**
 * Every domain error code, its HTTP status and its default Chinese message: the one place where domain
 * failures become HTTP. Modules add their codes here so that codes stay unique and documented.
 */
export const ERROR_CODES = {
  // request shape
  VALIDATION_FAILED: { status: 400, message: '请求参数不合法' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试或联系管理员' },
  // file downloads with a Range header (RFC 9110): the route adds `Content-Range: bytes */size`
  RANGE_NOT_SATISFIABLE: { status: 416, message: '请求的字节范围超出文件大小' },
  // authentication and session
  AUTH_REQUIRED: { status: 401, message: '请先登录' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  AUTH_ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已临时锁定，请稍后再试或联系管理员解锁' },
  AUTH_ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  AUTH_CSRF_INVALID: { status: 403, message: '请求校验失败（CSRF），请刷新页面后重试' },
  AUTH_FORBIDDEN: { status: 403, message: '当前账号无权执行此操作' },
  AUTH_PASSWORD_WEAK: { status: 400, message: '密码强度不足：至少 8 位，且包含大写字母、小写字母、数字、符号中的三类' },
  AUTH_PASSWORD_WRONG: { status: 400, message: '当前密码不正确' },
  // identity (ZS-19)
  ORG_CREDIT_CODE_FORMAT: {
    status: 400,
    message: '统一社会信用代码格式不正确：应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
  },
  ORG_CREDIT_CODE_INVALID: { status: 400, message: '统一社会信用代码校验位不正确（GB 32100）' },
  ORG_CREDIT_CODE_TAKEN: { status: 409, message: '该统一社会信用代码已被其他机构使用' },
  ORG_NAME_TAKEN: { status: 409, message: '机构名称已存在' },
  ORG_PARENT_INVALID: { status: 400, message: '上级机构不存在或会形成循环' },
  ORG_NOT_FOUND: { status: 404, message: '机构不存在' },
  PERSON_ID_NUMBER_INVALID: { status: 400, message: '身份证号码不正确（GB 11643）' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  USER_USERNAME_TAKEN: { status: 409, message: '用户名已存在' },
  USER_SELF_LOCKOUT: { status: 409, message: '不能停用自己或移除自己的系统管理员角色' },
  // working-day calendar (YQ-22)
  CALENDAR_NOT_PUBLISHED: { status: 409, message: '该年度的法定节假日安排尚未发布，需管理员确认后才能计算工作日期限' },
  CALENDAR_YEAR_PUBLISHED: { status: 409, message: '该年度的节假日安排已发布，无需确认' },
  CALENDAR_RANGE_TOO_LONG: { status: 400, message: '查询的日期范围过长（最多 400 天）' },
  // data applications (BX-22, MNR-15..18, ZS-21, BX-11, BX-23)
  APPLICATION_NOT_FOUND: { status: 404, message: '数据申请不存在或无权查看' },
  APPLICATION_ITEM_UNKNOWN: { status: 400, message: '申请的数据不存在或无权查看' },
  APPLICATION_ITEM_NOT_SHAREABLE: {
    status: 409,
    message: '该数据不予共享，不能申请；如确有需要，请与提供方协商或报请上级协调',
  },
  APPLICATION_AGREEMENT_REQUIRED: {
    status: 409,
    message: '本单位尚未签订《遥感影像数据使用保密协议》，请先签订后再提交申请',
  },
  APPLICATION_AGREEMENT_EXPIRED: { status: 409, message: '本单位的保密协议已到期，请先续签后再提交申请' },
  APPLICATION_BLOCKED_BX11: {
    status: 403,
    message: '该单位存在逾期未汇交的成果，在完成汇交前暂停向其提供遥感影像数据',
  },
  APPLICATION_TRANSITION_INVALID: { status: 409, message: '申请当前所处环节不允许此操作' },
  APPLICATION_REVIEW_INCOMPLETE: { status: 400, message: '请对每一项待审核数据给出审核意见' },
  APPLICATION_REVIEW_UNKNOWN_LINE: { status: 400, message: '审核意见对应的数据不在待审核之列' },
  APPLICATION_REJECT_REASON_REQUIRED: { status: 400, message: '不同意提供时必须说明理由' },
  APPLICATION_PROVIDER_MISSING: { status: 409, message: '系统未配置数据提供方（自然资源主管部门）机构' },
  HANDOVER_ID_MISMATCH: { status: 409, message: '接收人身份证号码与申请表经办人不一致，须出具用户单位介绍信' },
  HANDOVER_NAME_MISMATCH: { status: 409, message: '接收人姓名与申请表经办人登记的姓名不一致' },
  AGREEMENT_IN_FORCE: { status: 409, message: '本单位已有有效期内的保密协议，可直接沿用，无需重复签订' },
  USAGE_LOG_DATE_INVALID: { status: 400, message: '登记日期应在移交日期之后且不晚于今天' },
  USAGE_LOG_COPIES_REQUIRED: { status: 400, message: '复制登记须填写复制份数' },
  USAGE_LOG_THIRD_PARTY_AGREEMENT_REQUIRED: {
    status: 400,
    message: '委托第三方使用须填写第三方名称及其签订的保密责任书编号',
  },
  USAGE_LOG_FOREIGN_APPROVAL_REQUIRED: {
    status: 400,
    message: '第三方为境外组织、机构、个人或外商投资企业的，须填写自然资源主管部门的审批文号',
  },
  USAGE_LOG_WITNESS_REQUIRED: { status: 400, message: '销毁登记须填写监销人' },
  SUBMISSION_HOLD_NOT_FOUND: { status: 404, message: '未汇交记录不存在或已解除' },
  // catalogue and STAC API (BX-13, MNR-9, ZS-9)
  STAC_FILTER_INVALID: { status: 400, message: 'CQL2 过滤表达式不合法' },
  STAC_QUERYABLE_UNKNOWN: { status: 400, message: '过滤条件中使用了不支持的查询字段' },
  STAC_PARAM_INVALID: { status: 400, message: 'STAC 查询参数不合法' },
  CATALOG_COLLECTION_NOT_FOUND: { status: 404, message: '数据集不存在' },
  CATALOG_COLLECTION_EXISTS: { status: 409, message: '数据集标识已存在' },
  CATALOG_ITEM_NOT_FOUND: { status: 404, message: '目录条目不存在' },
  CATALOG_ITEM_EXISTS: { status: 409, message: '该数据集中已有同名条目' },
  CATALOG_SHARING_BASIS_REQUIRED: { status: 400, message: '不予共享的数据必须注明法律法规或政策依据（ZS-12）' },
  CATALOG_SECRECY_UNDETERMINED: { status: 409, message: '该条目尚未定密（待定密），定密后才能发布' },
  ASSET_NOT_FOUND: { status: 404, message: '文件不存在' },
  ASSET_CLASSIFIED: { status: 403, message: '涉密数据不提供在线访问，请通过数据申请流程离线获取（BX-16）' },
  ASSET_NOT_SHARED: { status: 403, message: '该数据不予共享（ZS-12），可提出协商申请' },
  ASSET_OFFLINE_ONLY: { status: 403, message: '该数据仅以离线方式提供，请提交数据申请' },
  ASSET_APPLICATION_REQUIRED: { status: 403, message: '有条件共享的数据需先提交申请并经审核通过（ZS-21）' },
  // online tile serving (BX-16)
  TILE_CRS_UNSUPPORTED: { status: 422, message: '该影像的坐标系暂不支持在线切片浏览' },
  TILE_ZOOM_TOO_LOW: {
    status: 422,
    message: '该影像没有金字塔（概视图），在此缩放级别需读取的数据过多，请放大地图后浏览',
  },
  TILE_SOURCE_UNSUPPORTED: {
    status: 422,
    message: '该影像的数据格式暂不支持在线切片浏览（需为分块存储、像元交错的整数或浮点影像）',
  },
  // tile rendering parameters, tile matrix sets and mosaics (BX-16)
  TILE_PARAM_INVALID: { status: 400, message: '瓦片请求参数不合法' },
  TILE_MATRIX_SET_UNKNOWN: { status: 404, message: '瓦片矩阵集不存在（支持 WebMercatorQuad、CGCS2000Quad）' },
  MOSAIC_NOT_FOUND: { status: 404, message: '镶嵌检索不存在，请重新提交检索条件' },
  // online sharing access: API tokens, the online agreement (MNR-16), signed downloads (BX-16, BX-17)
  TOKEN_INVALID: { status: 401, message: '接口令牌无效、已过期或已吊销' },
  TOKEN_SCOPE_DENIED: { status: 403, message: '接口令牌的权限范围不包含此操作' },
  TOKEN_NOT_FOUND: { status: 404, message: '令牌不存在' },
  SHARING_AGREEMENT_REQUIRED: {
    status: 428,
    message: '首次在线使用该数据集前，请先阅读并在线签署成果应用协议（MNR-16）',
  },
  SHARING_AGREEMENT_OUTDATED: { status: 409, message: '成果应用协议已更新，请阅读并签署最新版本' },
  SHARING_AGREEMENT_VERSION_EXISTS: { status: 409, message: '该协议版本号已存在' },
  DOWNLOAD_LINK_INVALID: { status: 403, message: '下载链接无效（签名校验失败）' },
  DOWNLOAD_LINK_EXPIRED: { status: 410, message: '下载链接已过期，请重新生成' },
  DOWNLOAD_QUOTA_EXCEEDED: { status: 429, message: '已超过今日下载限额（次数或数据量），请明日再试' },
  DOWNLOAD_QUOTA_LIMIT_INVALID: {
    status: 400,
    message: '下载配额不合法：每日次数应为 1–100000 次，每日容量应为 1 MB–100 TB',
  },
  DOWNLOAD_QUOTA_OVERRIDE_NOT_FOUND: { status: 404, message: '该单位没有单独设置的下载配额' },
  DOWNLOAD_QUOTA_MISSING: { status: 500, message: '系统未配置默认下载配额，请联系管理员' },
  DOWNLOAD_CLIP_GEOMETRY_INVALID: {
    status: 400,
    message: '裁切范围不合法：需为闭合的多边形（CGCS2000 经纬度，最多 2000 个顶点，边界不自相交）',
  },
  DOWNLOAD_CLIP_OUTSIDE_ITEM: { status: 400, message: '裁切范围与该影像不相交' },
  DOWNLOAD_CLIP_TOO_LARGE: { status: 400, message: '裁切范围过大，请缩小范围后重试' },
  DOWNLOAD_CLIP_CRS_UNSUPPORTED: {
    status: 400,
    message: '不支持的输出坐标系：仅支持 CGCS2000 经纬度（EPSG:4490）或 CGCS2000 高斯-克吕格投影（EPSG:4491–4554）',
  },
  DOWNLOAD_SOURCE_UNSUPPORTED: { status: 422, message: '该影像的数据格式暂不支持裁切或预览下载' },
  // ingest of GeoTIFF / vector results
  INGEST_DUPLICATE: { status: 409, message: '相同内容的文件已入库（SM3 校验和重复）' },
  INGEST_TIFF_CORRUPT: { status: 422, message: '文件不是有效的 GeoTIFF 或已损坏' },
  INGEST_NO_GEOREFERENCE: { status: 422, message: '影像没有地理参考信息（缺少坐标变换或控制点）' },
  INGEST_UNKNOWN_CRS: { status: 422, message: '无法识别影像的坐标参考系（需要 EPSG 编码）' },
  INGEST_UNSUPPORTED: { status: 422, message: '不支持的文件类型' },
  // feedback on catalogue items (MNR-19, ZS-24)
  FEEDBACK_NOT_FOUND: { status: 404, message: '问题反馈不存在' },
  FEEDBACK_TRANSITION_INVALID: { status: 409, message: '该问题反馈的当前状态不允许此操作' },
  FEEDBACK_LOCATION_OUTSIDE_ITEM: { status: 400, message: '问题位置不在该数据的覆盖范围内' },
  FEEDBACK_RANGE_INVALID: {
    status: 400,
    message: '汇总的起止日期不合法（起始日期不能晚于截止日期，且跨度不超过 366 天）',
  },
  // sharing negotiation on 不予共享 items (ZS-12, ZS-21)
  NEGOTIATION_NOT_FOUND: { status: 404, message: '共享协商不存在或无权查看' },
  NEGOTIATION_ITEM_SHAREABLE: { status: 409, message: '该数据可以共享，请直接加入申请，无需协商' },
  NEGOTIATION_EXISTS: { status: 409, message: '本单位已就该数据发起协商，请等待答复或协调结果' },
  NEGOTIATION_TRANSITION_INVALID: { status: 409, message: '该共享协商的当前状态不允许此操作' },
  // publication review (BX-18, MNR-12, MNR-18, ZS-23)
  PUBLICATION_NOT_FOUND: { status: 404, message: '发布审核申请不存在' },
  PUBLICATION_TRANSITION_INVALID: { status: 409, message: '该发布审核申请的当前状态不允许此操作' },
  PUBLICATION_SELF_REVIEW: { status: 403, message: '不能审核本人提交的发布申请' },
  PUBLICATION_SOURCE_NOT_FOUND: { status: 400, message: '引用的数据不存在或无权查看' },
  PUBLICATION_SECRECY_REVIEW_REQUIRED: {
    status: 400,
    message: '引用的数据含涉密（或待定密）成果，须先完成保密审查并确认（MNR-18）',
  },
  PUBLICATION_PLANNED_DATE_PAST: { status: 400, message: '计划发布日期不能早于今天' },
  PUBLICATION_ATTACHMENT_REQUIRED: { status: 400, message: '请上传拟发布的地图或影像文件' },
  PUBLICATION_ATTACHMENT_TYPE: { status: 400, message: '附件仅支持 PNG、JPEG 或 PDF 文件（按文件内容识别）' },
  PUBLICATION_ATTACHMENT_TOO_LARGE: { status: 413, message: '单个附件不能超过 20 MB' },
  PUBLICATION_ATTACHMENT_TOO_MANY: { status: 400, message: '附件最多 10 个' },
  PUBLICATION_ATTACHMENT_NOT_FOUND: { status: 404, message: '附件不存在' },
  // sealed documents and their electronic seal (ZS-14)
  DOCUMENT_NOT_FOUND: { status: 404, message: '电子文件不存在，请核对核验链接或二维码' },
  DOCUMENT_FORBIDDEN: { status: 403, message: '无权查看该电子文件' },
  DOCUMENT_FILE_MISSING: { status: 500, message: '电子文件的存档缺失，请联系管理员' },
  DOCUMENT_PDF_REQUIRED: { status: 400, message: '请上传需要核验的 PDF 文件' },
  // database
  DB_NEWER_THAN_CODE: { status: 500, message: '数据库版本高于当前程序版本，拒绝启动' },
  DB_MIGRATION_CHANGED: { status: 500, message: '已执行的数据库迁移脚本被修改，拒绝启动' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
