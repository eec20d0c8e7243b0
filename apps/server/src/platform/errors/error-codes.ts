/**
 * Every domain error code, its HTTP status and its default Chinese message: the one place where domain
 * failures become HTTP. Modules add their codes here so that codes stay unique and documented.
 */
export const ERROR_CODES = {
  // request shape
  VALIDATION_FAILED: { status: 400, message: '请求参数不合法' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试或联系管理员' },
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
  TILE_SOURCE_UNSUPPORTED: {
    status: 422,
    message: '该影像的数据格式暂不支持在线切片浏览（需为分块的 8 位单波段或 RGB 影像）',
  },
  // ingest of GeoTIFF / vector results
  INGEST_DUPLICATE: { status: 409, message: '相同内容的文件已入库（SM3 校验和重复）' },
  INGEST_TIFF_CORRUPT: { status: 422, message: '文件不是有效的 GeoTIFF 或已损坏' },
  INGEST_NO_GEOREFERENCE: { status: 422, message: '影像没有地理参考信息（缺少坐标变换或控制点）' },
  INGEST_UNKNOWN_CRS: { status: 422, message: '无法识别影像的坐标参考系（需要 EPSG 编码）' },
  INGEST_UNSUPPORTED: { status: 422, message: '不支持的文件类型' },
  // database
  DB_NEWER_THAN_CODE: { status: 500, message: '数据库版本高于当前程序版本，拒绝启动' },
  DB_MIGRATION_CHANGED: { status: 500, message: '已执行的数据库迁移脚本被修改，拒绝启动' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
