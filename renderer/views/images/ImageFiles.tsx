import { IMAGE_CONTENT_FILES, RECORD_FILE, type ImageFile } from '../../../shared/images';
import { humanBytes } from '../../lib/bytes';

/** The folder's files with their sizes; the ones runsc did not write are marked. */
export function ImageFiles(props: { files: ImageFile[]; totalBytes: number; hasRecord: boolean }) {
  const { files, totalBytes, hasRecord } = props;
  return (
    <section className="details-part" aria-labelledby="image-files-title">
      <h3 id="image-files-title">Files</h3>
      <table className="grid files-table">
        <thead>
          <tr>
            <th>Name</th>
            <th className="col-size num">Size</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.name}>
              <td className="mono truncate" title={f.name}>
                {f.name}
                {!IMAGE_CONTENT_FILES.includes(f.name) && <span className="tag file-tag">not image content</span>}
              </td>
              <td className="num">{humanBytes(f.bytes)}</td>
            </tr>
          ))}
          {hasRecord && (
            <tr>
              <td className="mono">
                {RECORD_FILE} <span className="muted small">the Desk’s record</span>
              </td>
              <td className="num muted">—</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td className="num">{humanBytes(totalBytes)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
