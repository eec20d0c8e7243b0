import { DatePicker, Form, Input, Select, Slider } from 'antd';
import type { AdminAreaFeature } from '../../map/admin-areas';
import { PRODUCT_TYPE_OPTIONS, RESOLUTION_OPTIONS, SECRECY_OPTIONS, SHARING_TYPE_OPTIONS } from '../options';
import type { SearchFilters } from '../search-request';

const CLOUD_MARKS = { 0: '0', 20: '20', 50: '50', 100: '不限' };

interface FilterFormProps {
  /** none where the districts are not available (anonymous): no district choice then */
  districts: AdminAreaFeature[];
  /** the district chosen as the search area, if that is the area */
  districtCode: string | undefined;
  onDistrict: (code: string | undefined) => void;
  /** platform names known to the catalogue (free text is accepted too) */
  platforms: string[];
  /** the public catalogue only holds non-classified, unconditionally shared entries: no secrecy or sharing filter */
  publicMode: boolean;
  onChange: (patch: Partial<SearchFilters>) => void;
}

/** The search conditions: free text, district, period, resolution, platform, product type, cloud, secrecy, sharing. */
export function FilterForm({ districts, districtCode, onDistrict, platforms, publicMode, onChange }: FilterFormProps) {
  return (
    <Form layout="vertical" size="small" className="filter-form">
      <Input.Search
        allowClear
        enterButton="检索"
        placeholder="名称、统一编号、关键词"
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        className="filter-wide"
        data-testid="catalogue-search"
      />
      {districts.length > 0 && (
        <Form.Item label="行政区">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部区县"
            value={districtCode}
            onChange={onDistrict}
            options={districts.map((d) => ({ value: d.properties.code, label: d.properties.name }))}
            data-testid="catalogue-district"
          />
        </Form.Item>
      )}
      <Form.Item label="分辨率">
        <Select
          allowClear
          placeholder="不限"
          options={RESOLUTION_OPTIONS}
          onChange={(resolution) => onChange({ resolution })}
          data-testid="catalogue-resolution"
        />
      </Form.Item>
      <Form.Item label="获取时间" className="filter-wide">
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          onChange={(range) => {
            const [start, end] = range ?? [];
            onChange({
              period:
                start || end
                  ? [start ? start.startOf('day').toISOString() : '..', end ? end.endOf('day').toISOString() : '..']
                  : undefined,
            });
          }}
          data-testid="catalogue-period"
        />
      </Form.Item>
      <Form.Item label="卫星/传感器">
        <Select
          mode="tags"
          allowClear
          placeholder="不限"
          options={platforms.map((p) => ({ value: p, label: p }))}
          onChange={(list: string[]) => onChange({ platforms: list })}
          data-testid="catalogue-platform"
        />
      </Form.Item>
      <Form.Item label="产品类型">
        <Select
          allowClear
          placeholder="不限"
          options={PRODUCT_TYPE_OPTIONS}
          onChange={(productType) => onChange({ productType })}
          data-testid="catalogue-product-type"
        />
      </Form.Item>
      <Form.Item label="云量上限（%）" className="filter-wide">
        <Slider
          min={0}
          max={100}
          marks={CLOUD_MARKS}
          defaultValue={100}
          onChangeComplete={(max) => onChange({ maxCloudCover: max })}
          data-testid="catalogue-cloud"
        />
      </Form.Item>
      {!publicMode && (
        <>
          <Form.Item label="密级">
            <Select
              allowClear
              placeholder="不限"
              options={SECRECY_OPTIONS}
              onChange={(secrecy) => onChange({ secrecy })}
              data-testid="catalogue-secrecy"
            />
          </Form.Item>
          <Form.Item label="共享类型">
            <Select
              allowClear
              placeholder="不限"
              options={SHARING_TYPE_OPTIONS}
              onChange={(sharingType) => onChange({ sharingType })}
              data-testid="catalogue-sharing-type"
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
