/**
 * The data printed on the official application forms of BX-22 (附件1–5). Renderers print exactly what they are
 * given: the caller decides e.g. whether an ID number is printed in full or masked. Dates are calendar dates
 * `YYYY-MM-DD` (China time); `null` leaves the field blank for a hand-written entry. Instants (scene capture time,
 * order time) are ISO 8601 strings and are printed in China time (UTC+8).
 */

/** A person signing or acting for a unit (经办人). */
export interface Handler {
  name: string;
  /** 身份证号码 (GB 11643), as it shall be printed */
  idNumber: string;
  phone: string;
}

/** 附件1 关于…遥感影像数据的申请 */
export interface ApplicationLetterData {
  /** the bureau the letter is addressed to (数据提供方) */
  providerName: string;
  /** the applying unit */
  orgName: string;
  /** region in the title, e.g. 「平山区」 (明确地域范围) */
  regionName: string;
  /** extent of the requested data, e.g. 「平山区全域约 490 平方千米」 */
  areaDescription: string;
  /** e.g. 「优于 0.5 米」 */
  precision: string;
  /** e.g. 「2026 年第三季度」 */
  imagingTime: string;
  /** e.g. 「正射影像（DOM）」 */
  dataType: string;
  /** work the data is used for (需明确工作用途及使用目的) */
  purpose: string;
  date: string;
}

/** One row of 应用项目及申请数据情况 (BX-F2). */
export interface ApplicationProject {
  name: string;
  dataType: string;
  resolution: string;
  imagingTime: string;
  coverage: string;
}

/** 附件2 遥感影像数据申请表 (BX-F2) */
export interface ApplicationFormData {
  /** SQB-YYYY-NNN */
  number: string;
  date: string;
  orgName: string;
  purpose: string;
  projects: ApplicationProject[];
  handlers: Handler[];
  /** 法定（授权）代表人; null leaves the signature line blank */
  legalRepresentative: string | null;
}

/** One scene (景/幅) in an appended list. */
export interface SceneRow {
  itemId: string;
  title: string;
  /** capture instant, ISO 8601 */
  datetime: string | null;
  /** ground sample distance in metres */
  gsd: number | null;
  /** 密级 label as printed, e.g. 「非涉密」「秘密」 */
  secrecyLabel: string;
  sizeBytes: number | null;
}

/** A signature with its date; null when not yet signed (the field stays blank). */
export interface SignOff {
  name: string;
  date: string;
}

/** 附件3 遥感影像数据订单 (BX-F3) */
export interface OrderData {
  orgName: string;
  /** SQB-YYYY-NNN of the application form */
  applicationNumber: string;
  orderNumber: string;
  /** ISO 8601 instant */
  orderTime: string;
  projectName: string;
  scenes: SceneRow[];
  volumeGb: number;
  /** 数据拷贝介质, e.g. 「移动硬盘」「光盘」 */
  medium: string;
  handler: Handler;
  /** BX-F3: set when the handler differs from the application form's; printed with the handler */
  introductionLetter?: string;
  /** the data distribution department (数据分发部门) */
  provider: {
    handler: SignOff | null;
    supervisor: SignOff | null;
    leader: SignOff | null;
  };
}

/** 附件4 遥感影像数据使用保密协议 (BX-F4) */
export interface AgreementData {
  number: string;
  /** 提供方 (the bureau) */
  providerName: string;
  /** 使用方 */
  userName: string;
  signedOn: string | null;
  /** last day of validity: three years from signing (BX-F4) */
  validUntil: string | null;
  providerRepresentative: string | null;
  userRepresentative: string | null;
}

export interface HandoverScene extends SceneRow {
  classified: boolean;
}

/** 附件5 遥感影像数据移交单 (BX-F5) */
export interface HandoverData {
  /** YJD-YYYY-NNN */
  number: string;
  orgName: string;
  applicationNumber: string;
  projectName: string;
  scenes: HandoverScene[];
  sizeGb: number;
  medium: string;
  /** 数据涉密情况: any classified scene makes the delivery classified */
  classified: boolean;
  /** 提供人 */
  provider: string | null;
  /** 接收人 */
  receiver: string | null;
  providedOn: string | null;
  receivedOn: string | null;
  remarks: string;
  /** BX-F5: reference of the unit's introduction letter when the receiver is not the application's handler */
  introductionLetter?: string;
}

/**
 * What a sealed rendering adds: the issuing unit's red round seal at the signature place and a QR code of the
 * public verification page (ZS-14).
 */
export interface SealStamp {
  orgName: string;
  verifyUrl: string;
  documentId: string;
}
