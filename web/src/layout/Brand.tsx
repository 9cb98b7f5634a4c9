import { Link } from 'react-router-dom';

export function Brand() {
  return (
    <Link to="/" className="brand" aria-label="家门口 Doorstep">
      <svg className="brand-mark" viewBox="0 0 64 64" aria-hidden="true">
        <rect width="64" height="64" rx="14" fill="currentColor" />
        <path d="M14 30 32 15l18 15v19a2 2 0 0 1-2 2H38V37H26v14H16a2 2 0 0 1-2-2z" fill="#fff" />
      </svg>
      <span className="brand-zh">家门口</span>
      <span className="brand-en">Doorstep</span>
    </Link>
  );
}
